// icaljs.cjs - what a phone's calendar shows of a feed, as ical.js sees it.
//
//   node icaljs.cjs FILE FROM TO
//
// Expands every event of FILE with ical.js (the parser of Thunderbird's
// and many web calendars), changed occurrences applied, and prints one line
// per occurrence starting in [FROM, TO) (UTC ISO times), sorted:
//   start|summary|status|description|reminders
// as phones.py does (start in the zone of $TZ, which the caller sets).
'use strict';
const fs = require('fs');
const ICAL = require('ical.js');

const [file, from, to] = process.argv.slice(2);
const comp = new ICAL.Component(ICAL.parse(fs.readFileSync(file, 'utf8')));
for (const tz of comp.getAllSubcomponents('vtimezone'))
	ICAL.TimezoneService.register(tz);

const lo = Date.parse(from), hi = Date.parse(to);
const masters = new Map();
const changes = [];
for (const v of comp.getAllSubcomponents('vevent')) {
	if (v.hasProperty('recurrence-id'))
		changes.push(v);
	else
		masters.set(v.getFirstPropertyValue('uid'), new ICAL.Event(v));
}
for (const v of changes) {
	const m = masters.get(v.getFirstPropertyValue('uid'));
	if (m)
		m.relateException(new ICAL.Event(v));
}

const pad = (n) => String(n).padStart(2, '0');
function local(t) {
	const d = t.toJSDate();
	return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` +
		`T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
function alarms(c) {
	return c.getAllSubcomponents('valarm').map((a) => {
		const t = a.getFirstPropertyValue('trigger');
		return `${a.getFirstPropertyValue('action')}:${-t.toSeconds() / 60}:` +
			`${a.getFirstPropertyValue('description') || ''}`;
	}).join(',');
}

const rows = [];
for (const ev of masters.values()) {
	const it = ev.iterator();
	for (let next = it.next(); next; next = it.next()) {
		const ms = next.toJSDate().getTime();
		if (ms >= hi)
			break;
		const d = ev.getOccurrenceDetails(next);
		const start = d.startDate.toJSDate().getTime();
		if (start < lo || start >= hi)
			continue;
		const c = d.item.component;
		rows.push([local(d.startDate), d.item.summary,
			c.getFirstPropertyValue('status') || '',
			(d.item.description || '').replace(/\n/g, '\\n'),
			alarms(c)].join('|'));
		if (!ev.isRecurring())
			break;
	}
}
rows.sort();
for (const r of rows)
	console.log(r);
