#!/usr/bin/python3
"""hostile_dav.py - a WebDAV server that answers badly, for hearth's sync
tests: what a broken or hostile server sends must be refused with a
message naming the server, the request and what was wrong.

    hostile_dav.py PORTFILE MODE

Listens on a free port of 127.0.0.1 (written to PORTFILE once it is
listening) and answers every PROPFIND and REPORT according to MODE:

    xxe       a 207 multistatus declaring an external entity that names a
              file (XXE): its text must never be read into the answer
    bomb      a 207 multistatus with nested entities (billion laughs)
    broken    a 207 multistatus cut off in the middle of an element
    html      a 200 login page where a multistatus belongs
    endless   a 207 whose body never ends (64 KiB at a time, for at
              most 30 seconds): only max_response stops it

The file named by the environment variable HOSTILE_SECRET is the one the
XXE answer points at. Stops by itself after 120 seconds.
"""
import http.server
import os
import sys
import threading
import time

MULTI_HEAD = ('<?xml version="1.0" encoding="utf-8"?>\n')
PROPS = ('<d:multistatus xmlns:d="DAV:" '
         'xmlns:c="urn:ietf:params:xml:ns:caldav">'
         '<d:response><d:href>/cal/</d:href><d:propstat><d:prop>'
         '<d:displayname>%s</d:displayname>'
         '<d:resourcetype><d:collection/><c:calendar/></d:resourcetype>'
         '</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>'
         '</d:response></d:multistatus>')


def body(mode):
    secret = os.environ.get("HOSTILE_SECRET", "/etc/hostname")
    if mode == "xxe":
        return (MULTI_HEAD + '<!DOCTYPE m [<!ENTITY x SYSTEM "file://%s">]>\n'
                % secret + PROPS % "&x;")
    if mode == "bomb":
        ents = '<!ENTITY a0 "lol">' + "".join(
            '<!ENTITY a%d "%s">' % (i, ("&a%d;" % (i - 1)) * 10)
            for i in range(1, 10))
        return MULTI_HEAD + "<!DOCTYPE m [%s]>\n" % ents + PROPS % "&a9;"
    if mode == "broken":
        return MULTI_HEAD + (PROPS % "日历")[:150]
    if mode == "html":
        return "<html><body><form>login</form></body></html>"
    raise SystemExit("unknown mode " + mode)


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self):
        n = int(self.headers.get("Content-Length") or 0)
        if n:
            self.rfile.read(n)
        mode = self.server.mode
        if mode == "endless":
            self.send_response(207)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Connection", "close")
            self.end_headers()
            chunk = (MULTI_HEAD + "<d:multistatus xmlns:d=\"DAV:\">"
                     + "<!-- " + "x" * 65536 + " -->").encode()
            t0 = time.monotonic()
            try:
                while time.monotonic() - t0 < 30:
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True
            return
        data = body(mode).encode()
        self.send_response(200 if mode == "html" else 207)
        self.send_header("Content-Type", "text/html" if mode == "html"
                         else "application/xml; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_PROPFIND = do_REPORT = answer

    def do_OPTIONS(self):
        self.send_response(200)
        self.send_header("DAV", "1, 2, calendar-access")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):
        self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()


def main():
    portfile, mode = sys.argv[1:3]
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.mode = mode
    srv.daemon_threads = True
    threading.Timer(120, srv.shutdown).start()
    tmp = portfile + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % srv.server_address[1])
    os.rename(tmp, portfile)
    srv.serve_forever()


main()
