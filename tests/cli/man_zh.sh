#!/bin/sh
# man_zh.sh - the Chinese manual (man/zh_CN/hearth.1) says what the English
# one (man/hearth.1) says: the same command blocks ('.\" command: NAME')
# with the same options, subcommands and literal values, the same actions
# with the same keys, the same JSON keys, environment variables and files,
# as many sections, the same examples, and the same date. Every .Sx names a
# section of its own page. (manlint.sh lints both pages.)
# run.sh: not under ASan (it reads the manual pages only)
. "$(dirname "$0")/../lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
en=$top/man/hearth.1
zh=$top/man/zh_CN/hearth.1

if [ -f "$zh" ]; then ok "man/zh_CN/hearth.1 exists"; else
	not_ok "man/zh_CN/hearth.1 exists"; exit 0; fi

/usr/bin/python3 - "$en" "$zh" <<'EOF'
import re, sys

def read(path):
    return open(path, encoding="utf-8").read().replace("\\&", "").split("\n")

n = 0
def check(name, want, got):
    global n
    n += 1
    if want == got:
        print("ok %d - %s" % (n, name))
    else:
        print("not ok %d - %s" % (n, name))
        for label, v in (("English:", want), ("Chinese:", got)):
            print("#   " + label)
            for line in (sorted(v) if isinstance(v, set) else v if isinstance(v, list) else [v]):
                print("#     %s" % (line,))

def blocks(lines):
    """Command blocks: marker name -> the lines up to the next marker."""
    out, cur = {}, None
    for l in lines:
        m = re.match(r'\.\\" command: (\S+)$', l)
        if m:
            cur = m.group(1); out[cur] = []; continue
        if l.startswith(".Sh "):
            cur = None
        if cur:
            out[cur].append(l)
    return out

def macro_words(lines, macro):
    """Every argument that follows MACRO on macro lines (up to the next macro)."""
    words = set()
    for l in lines:
        if not l.startswith("."):
            continue
        toks = l[1:].split()
        for i, t in enumerate(toks):
            if t == macro:
                for w in toks[i + 1:]:
                    if re.fullmatch(r"[A-Z][a-z]{1,2}|%[A-Z]", w) or w in ",;.|()":
                        break
                    words.add(w)
    return words

def flags(lines):
    return {"-" + w for w in macro_words(lines, "Fl") if w.startswith("-")}

def commands(lines):
    """'Ic name sub' pairs as written, e.g. 'segment add'."""
    out = set()
    for l in lines:
        for m in re.finditer(r"\bIc ([a-z][a-z-]*(?: [a-z][a-z-]*)?)", l):
            out.add(m.group(1))
    return out

def keys_table(lines):
    """The key list: (actions, keys) of each '.It Cm ... Pq Ic ...' line."""
    out = []
    for l in lines:
        if l.startswith(".It Cm ") and " Pq Ic " in l:
            head, tail = l[len(".It Cm "):].split(" Pq Ic ", 1)
            keys = [w for w in re.split(r"\s+", tail) if w not in (",", ";", "Ic", "No")
                    and not re.search(r"[^\x00-\x7f]", w) and w != "to" and w != "arrows"]
            out.append((head, " ".join(keys)))
    return out

def json_keys(lines):
    out, want = {}, None
    for l in lines:
        m = re.match(r'\.\\" keys: (.+)$', l)
        if m:
            want = m.group(1); continue
        if want and l.startswith(".Li "):
            out[want] = l; want = None
    return out

def examples(lines):
    out, on, cur = [], False, None
    for l in lines:
        if re.match(r"\.Sh (EXAMPLES|示例)$", l):
            on = True; continue
        if on and l.startswith(".Sh "):
            break
        if on and l.startswith(".Bd -literal"):
            cur = []; continue
        if cur is not None:
            if l.startswith(".Ed"):
                out.append("\n".join(cur)); cur = None
            else:
                cur.append(l)
    return out

def sections(lines, macro):
    return [l[len(macro) + 2:] for l in lines if l.startswith("." + macro + " ")]

en, zh = read(sys.argv[1]), read(sys.argv[2])
ben, bzh = blocks(en), blocks(zh)
check("the same command blocks, in the same order", list(ben), list(bzh))
for cmd in ben:
    b = bzh.get(cmd, [])
    check("'%s': the same options" % cmd, flags(ben[cmd]), flags(b))
    check("'%s': the same commands named" % cmd, commands(ben[cmd]), commands(b))
    check("'%s': the same literal values (Cm)" % cmd,
          {w for w in macro_words(ben[cmd], "Cm")}, {w for w in macro_words(b, "Cm")})
check("the same global options", flags(en[:en.index(".Sh COMMANDS")]),
      flags(zh[:zh.index(".Sh 命令")] if ".Sh 命令" in zh else zh))
check("every option of the page", flags(en), flags(zh))
check("the same actions with the same keys", keys_table(en), keys_table(zh))
check("the same JSON keys of each list", json_keys(en), json_keys(zh))
check("the same environment variables", macro_words(en, "Ev"), macro_words(zh, "Ev"))
check("the same files and paths", macro_words(en, "Pa"), macro_words(zh, "Pa"))
check("the same cross references", macro_words(en, "Xr"), macro_words(zh, "Xr"))
check("as many sections", len(sections(en, "Sh")), len(sections(zh, "Sh")))
check("as many subsections", len(sections(en, "Ss")), len(sections(zh, "Ss")))
ex_en, ex_zh = examples(en), examples(zh)
check("the same examples, word for word (%d)" % len(ex_en), ex_en, ex_zh)
check("the same date (.Dd): changed together", [l for l in en if l.startswith(".Dd")],
      [l for l in zh if l.startswith(".Dd")])
names = set(sections(zh, "Sh")) | set(sections(zh, "Ss"))
bad = set()
for l in zh:
    m = re.match(r"\.Sx (.+?)(?: Ns .*| [,.;:)]+)?$", l)
    if m and m.group(1) not in names:
        bad.add(m.group(1))
check("every .Sx of the Chinese page names one of its sections", set(), bad)
check("it is in Chinese (NAME's description)", True,
      any(l.startswith(".Nd ") and re.search(r"[\u4e00-\u9fff]", l) for l in zh))
EOF
