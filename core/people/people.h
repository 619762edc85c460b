/*
 * people.h - volunteers, the shifts they sign up for and the points scheme.
 *
 * People: a name, a phone, groups (rider, courier, party member, ...: keys
 * configured like kinds, with labels per language), an organisation, notes,
 * and whether they are active. A phone is shown masked (138****5678) in
 * lists; only a detail view or an explicit --full shows it whole.
 *
 * Shifts: an event, or one occurrence of it, or the occurrences in a range,
 * needs people in roles ("3 volunteers and 1 team leader"). A rule covers
 * the occurrences whose original start lies in [from_rid, to_rid]; the
 * narrowest rule for a role decides the number. People sign up for one
 * occurrence in one role; sign-ups are keyed by the occurrence's original
 * start, so they stay with an occurrence that is moved, and their times are
 * always the occurrence's current ones. A person is never signed up for two
 * occurrences whose times overlap.
 *
 * Points: checking a sign-up out earns points by the rules of the config
 * ([points], [points kind K], [points role R], [bonus NAME]); undoing the
 * check-out reverses them. Points buy items of a catalogue. Every movement
 * is a row of an append-only ledger (SQLite triggers refuse UPDATE and
 * DELETE) that also carries the running balance, which a CHECK keeps from
 * going below zero: a redemption that would overdraw is refused, also when
 * several processes redeem against one balance at once (each write is one
 * BEGIN IMMEDIATE transaction, so the balance read is the balance written).
 *
 * Ledger rows name an account, not a person: removing a person removes the
 * only link from the account to them, so the history keeps its sums while
 * nobody can tell whose it was, and the ledger itself is never changed.
 *
 * Storage functions return HE_OK or an error code with a message in err;
 * every write is one transaction.
 */
#ifndef HEARTH_PEOPLE_H
#define HEARTH_PEOPLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "../civil.h"
#include "../store.h"
#include "../tz.h"
#include "../util.h"

/* ---- Configuration: groups, roles, points rules, bonuses ---- */

/* A group of people or a shift role: a key, and its label per language. */
struct people_label {
	char *key;              /* "party-member" */
	char *label;            /* default label */
	struct strv labels;     /* "LANG=label" */
	struct strv aliases;    /* other names it is known by, when typed */
	bool translated;        /* hearth's own label, shown through gettext */
};

/* Points for a shift; a value < 0 is "not set here". */
struct points_rate {
	int per_hour;
	int per_shift;
};

/* [points kind K] or [points role R] (neither: the [points] default). */
struct points_rule {
	char *kind, *role;
	struct points_rate rate;
};

/* [bonus KEY]: extra points for shifts on some days, kinds or roles. */
struct points_bonus {
	struct people_label name;
	int points;
	int64_t *days;           /* pairs of day numbers, inclusive ranges */
	size_t n_days, cap_days; /* counts values: two per range */
	unsigned weekdays;       /* bit 0 = Monday; 0 = any day */
	char *kind, *role;       /* NULL = any */
};

struct people_config {
	struct people_label *groups;
	size_t n_groups, cap_groups;
	struct people_label *roles;
	size_t n_roles, cap_roles;
	struct points_rule *rules;  /* rules[0] is the [points] default */
	size_t n_rules, cap_rules;
	struct points_bonus *bonuses;
	size_t n_bonuses, cap_bonuses;
	int season_month, season_day; /* when a points season starts */
};

/* The built-in groups and roles, default rates (none), season 1 January. */
struct people_config *people_config_new(void);
void people_config_free(struct people_config **pc);
/* True for the config sections read by people_config_set. */
bool people_config_section(const char *section);
/*
 * Takes one "name = value" of such a section; false with a message in
 * msg (msgsz bytes) when it is wrong.
 */
bool people_config_set(struct people_config *pc, const char *section,
		       const char *name, const char *value, char *msg,
		       size_t msgsz);

/* The label of a group or role in the interface language. */
const char *people_label(const struct people_label *l);
/* The group called key (or whose label is key, in any language). */
const struct people_label *people_group(const struct people_config *pc,
					const char *key_or_label);
/* The same for roles; NULL for a role the config does not name. */
const struct people_label *people_role(const struct people_config *pc,
				       const char *key_or_label);
/* The label to show for a role key (the key when it is not configured). */
const char *people_role_label(const struct people_config *pc,
			      const char *key);
const char *people_group_label(const struct people_config *pc,
			       const char *key);
/* The key to store for what a user typed as a role (a label becomes its
 * key); checks the text. */
int people_role_key(const struct people_config *pc, const char *text,
		    const char **key, struct herr *err);

/* What one checked-out shift earns. */
struct points_award {
	int64_t base;            /* per hour and per shift */
	const struct points_bonus *bonus[8];
	size_t n_bonus;
};
/*
 * Points for minutes worked in role at a shift of kind on day (the
 * occurrence's local date): the most specific rate (role, then kind, then
 * the default) for each of per_hour and per_shift, and every bonus that
 * applies. Per-hour points are rounded to the nearest whole point.
 */
void points_compute(const struct people_config *pc, const char *kind,
		    const char *role, const struct civil *day, int minutes,
		    struct points_award *out);
/* The first day of the points season that holds day. */
struct civil points_season_start(const struct people_config *pc,
				 const struct civil *day);

/* ---- People ---- */

#define PERSON_NAME_MAX 100
#define PERSON_TEXT_MAX 2000

struct person {
	int64_t id;
	char *name, *phone, *org, *note;
	struct strv groups;     /* group keys */
	bool active;
	int64_t created, updated;
	int64_t balance;        /* points, as lists read it */
};
struct person_list {
	struct person *v;
	size_t n, cap;
};

void person_init(struct person *p);
void person_free(struct person *p);
void person_list_free(struct person_list *l);

/*
 * The phone for a list: its first three and last four digits shown, the
 * digits between as '*' (13812345678 -> 138****5678); a short number keeps
 * only its last two. NULL for NULL. Caller frees.
 */
char *person_phone_mask(const char *phone);
/* A phone as stored: spaces, dashes, dots and brackets dropped; digits
 * with an optional leading '+'. HE_USER for anything else. */
int person_phone_normalise(const char *text, char **out, struct herr *err);
/*
 * Checks and normalises p: a name, UTF-8 and no control characters in any
 * field, lengths, the phone (normalised), groups known to pc (labels turned
 * into keys, duplicates dropped).
 */
int person_validate(struct person *p, const struct people_config *pc,
		    struct herr *err);

/* Adds p (validated by the caller); sets p->id and a new points account. */
int store_person_add(struct store *st, struct person *p, struct herr *err);
/* Replaces everything about p->id but its account and creation time. */
int store_person_update(struct store *st, struct person *p, struct herr *err);
int store_person_get(struct store *st, int64_t id, struct person *out,
		     struct herr *err);
/*
 * Finds a person by ID ("12"), by exact name, or by a part of a name that
 * only one person's has; an ambiguous text is an error listing them.
 */
int store_person_find(struct store *st, const char *text, int64_t *id,
		      struct herr *err);

/* What removing a person did. */
struct person_removal {
	int signups_dropped;     /* future sign-ups deleted */
	int signups_kept;        /* past ones kept, without the person */
	int64_t balance;         /* points left unspent */
	int ledger_rows;         /* rows of the ledger now anonymous */
};
/*
 * Removes a person: their groups and future sign-ups go, past sign-ups stay
 * (the events' hours) without them, and their ledger rows keep their sums
 * under an account nobody can trace back. now tells past from future.
 */
int store_person_remove(struct store *st, int64_t id, int64_t now,
			struct person_removal *out, struct herr *err);

struct person_query {
	const char *group;       /* a group key */
	const char *text;        /* part of the name, phone, organisation */
	bool inactive;           /* inactive people too */
};
/* The people q matches, by name, with their balances. */
int store_people_list(struct store *st, const struct person_query *q,
		      struct person_list *out, struct herr *err);

/* ---- CSV import and export of people ---- */

/* What an import did (or, when it failed, would have done). */
struct people_import_result {
	int added, changed, unchanged;
};
/*
 * Imports people from CSV text (UTF-8, a header row naming the columns:
 * id, name, phone, groups, org, note, active, or their Chinese names such
 * as 姓名 and 电话; name is required). A row with an id updates that person
 * when its name or phone agrees; else a row matches the person with the
 * same phone, else the one person of that name without a phone, else adds
 * one. A column the file lacks leaves that detail as it is. Every problem
 * is added to problems as "NAME:LINE: ..." (up to 20), err sums them up and
 * nothing is changed. The same file imported twice changes nothing the
 * second time. All in one transaction.
 */
int people_import_csv(struct store *st, const struct people_config *pc,
		      const char *text, size_t len, const char *name,
		      struct people_import_result *out, struct strv *problems,
		      struct herr *err);
/* Writes the people q matches as CSV, with full phones (for a file the
 * user asked for), in the columns import reads. */
int people_export_csv(struct store *st, const struct person_query *q,
		      FILE *out, struct herr *err);

/* ---- Shifts and sign-ups ---- */

/* The rid bounds of a rule for every occurrence of a series. */
#define SHIFT_FIRST INT64_MIN
#define SHIFT_LAST INT64_MAX

/* A role a series needs people for, over a range of its occurrences. */
struct shift_rule {
	int64_t id, series_id;
	char *role;
	int64_t from_rid, to_rid; /* original starts, wall-clock seconds */
	int need;
};
struct shift_rules {
	struct shift_rule *v;
	size_t n, cap;
};
void shift_rules_free(struct shift_rules *l);

/*
 * Sets how many people in role the occurrences of series_id whose original
 * start lies in [from_rid, to_rid] need (a rule with the same range and
 * role is replaced). need may be 0: none there, whatever a wider rule says.
 * *covered gets how many occurrences the range holds now (may be NULL).
 */
int store_shift_set(struct store *st, int64_t series_id, const char *role,
		    int64_t from_rid, int64_t to_rid, int need, int *covered,
		    struct herr *err);
/* Removes the rule with exactly that role and range; refuses while sign-ups
 * for occurrences after now, not checked in, depend on it and no other
 * rule covers them. */
int store_shift_remove(struct store *st, int64_t series_id, const char *role,
		       int64_t from_rid, int64_t to_rid, int64_t now,
		       struct herr *err);
int store_shift_rules(struct store *st, int64_t series_id,
		      struct shift_rules *out, struct herr *err);

/* One role at one occurrence. */
struct staff_role {
	char *role;
	int need, signed_up, checked_in;
};
/* The people an occurrence needs and has. */
struct staffing {
	struct staff_role *v;
	size_t n, cap;
	int short_by;            /* sum over roles of need - signed_up > 0 */
	int signed_up;           /* everyone signed up, whatever the role */
};
void staffing_free(struct staffing *s);
int store_staffing(struct store *st, int64_t series_id,
		   const struct civil *rid, struct staffing *out,
		   struct herr *err);
/*
 * How many more people the occurrence o needs (0 when it needs none, is
 * full or is cancelled): what the agenda, month and week views show as
 * "needs N more". Cheap for series without shifts.
 */
int shift_needs_more(struct store *st, const struct occ *o);

/* A sign-up with what lists show about it. */
struct signup {
	int64_t id, person_id, series_id;
	struct civil rid;
	char *role;
	int64_t start, end;      /* the occurrence's times now */
	int64_t checkin, checkout; /* instants, 0 when not yet */
	char *person;            /* name, NULL once the person was removed */
	char *uid, *title, *kind;
	char tzid[TZ_NAME_MAX + 1]; /* the series' zone */
	bool all_day;
	bool cancelled, moved;   /* the occurrence is cancelled / moved */
	bool gone;               /* the series no longer has the occurrence */
};
struct signup_list {
	struct signup *v;
	size_t n, cap;
};
void signup_free(struct signup *s);
void signup_list_free(struct signup_list *l);
/* Minutes a checked-out sign-up counts: check-out minus check-in. */
int signup_minutes(const struct signup *s);

/*
 * Signs a person up for the occurrence rid of series_id in role (NULL:
 * the occurrence's only role). Refused: an inactive person, an occurrence
 * the series does not have or that is cancelled, a role it does not need,
 * a sign-up that exists, and another sign-up of the person whose times
 * overlap (named in the message).
 */
int shift_signup(struct store *st, const struct people_config *pc,
		 int64_t person_id, int64_t series_id, const struct civil *rid,
		 const char *role, struct signup *out, struct herr *err);
/* Removes a sign-up; refused once checked out (undo the check-out). */
int shift_unsignup(struct store *st, int64_t person_id, int64_t series_id,
		   const struct civil *rid, struct herr *err);
/* Checks in at `at` (0: the shift's start); undo: clears the check-in
 * (refused while checked out). */
int shift_checkin(struct store *st, int64_t person_id, int64_t series_id,
		  const struct civil *rid, int64_t at, bool undo,
		  struct herr *err);

/* What a check-out earned, or its undoing reversed. */
struct checkout_result {
	int minutes;
	int64_t points;          /* earned (or reversed, when undoing) */
	int64_t balance;         /* after */
};
/*
 * Checks out at `at` (0: the shift's end; a missing check-in becomes the
 * shift's start) and records the points earned, by pc's rules, in the same
 * transaction. Checking out again corrects the time: the earlier points are
 * reversed and the new ones earned. undo: reverses the points and clears
 * the check-out; refused when the balance would go below zero.
 */
int shift_checkout(struct store *st, const struct people_config *pc,
		   int64_t person_id, int64_t series_id,
		   const struct civil *rid, int64_t at, bool undo,
		   struct checkout_result *out, struct herr *err);

/* A person's sign-ups for occurrences starting in [from, to), by start. */
int store_person_signups(struct store *st, int64_t person_id, int64_t from,
			 int64_t to, struct signup_list *out, struct herr *err);
/* The sign-ups of one occurrence, by role then name. */
int store_occ_signups(struct store *st, int64_t series_id,
		      const struct civil *rid, struct signup_list *out,
		      struct herr *err);

/* An occurrence in a window with people needed, for `hearth shifts`. */
struct shift_occ {
	struct occ occ;
	struct staffing staff;
};
struct shift_occ_list {
	struct shift_occ *v;
	size_t n, cap;
};
void shift_occ_list_free(struct shift_occ_list *l);
/*
 * The occurrences overlapping [from, to) of series that need people or
 * have sign-ups, by start; short_only keeps those short of people.
 * Cancelled occurrences with sign-ups are kept (their people must be told).
 */
int store_shift_occurrences(struct store *st, int64_t from, int64_t to,
			    bool short_only, struct shift_occ_list *out,
			    struct herr *err);
/*
 * What organisers must hear after cancelling or moving the occurrence rid
 * of series_id (a moved one-off event: its new start): who is signed up
 * and, when it still takes place, at what time now and which of them now
 * clash with another shift. NULL when nobody is signed up; caller frees.
 */
char *shift_change_notice(struct store *st, int64_t series_id,
			  const struct civil *rid);
/*
 * Carries the sign-ups and one-occurrence rules of series `from` for the
 * occurrences starting at rid or later to series `to` (split "this and
 * following"), in the caller's transaction.
 */
int shift_carry_split(struct store *st, int64_t from, int64_t to,
		      const struct civil *rid, struct herr *err);

/*
 * Carries the sign-ups and one-occurrence rules of the occurrence whose
 * original start was from to the original start to (a one-off event moved
 * is a new start of the event), in the caller's transaction; nothing when
 * they are the same.
 */
int shift_carry_move(struct store *st, int64_t series_id,
		     const struct civil *from, const struct civil *to,
		     struct herr *err);

/* Resolves what a user typed as an occurrence of series s: an original
 * start, or the day (or moment) it takes place now when it was moved. */
int shift_occurrence_of(struct store *st, int64_t series_id,
			const struct civil *when, bool date_only,
			struct civil *rid, struct herr *err);
/*
 * The instant at minutes after midnight on the day the occurrence starts,
 * in its zone (for a check-in or check-out given as a time of day). For an
 * end (is_end), a time before the occurrence's start is the next day's:
 * an evening shift checked out at 01:00.
 */
int shift_time_on_day(struct store *st, int64_t series_id,
		      const struct civil *rid, int minutes, bool is_end,
		      int64_t *out, struct herr *err);
/* Finds a series by UID (or prefix), else by a part of its title that one
 * series alone has. */
int shift_event_find(struct store *st, const char *text, int64_t *series_id,
		     struct herr *err);

/* ---- Points: the ledger and the catalogue ---- */

enum ledger_kind { LEDGER_EARN, LEDGER_BONUS, LEDGER_REDEEM, LEDGER_ADJUST,
		   LEDGER_REVERSE };
const char *ledger_kind_name(enum ledger_kind k);

struct ledger_entry {
	int64_t id;
	int64_t at;              /* when it was recorded */
	enum ledger_kind kind;
	int64_t points;          /* signed */
	int64_t balance;         /* after this entry */
	char *title;             /* event title, or the item redeemed */
	int64_t occ_start;       /* the shift's start (earn, bonus) */
	char *role;              /* the shift's role (earn) */
	int minutes;             /* minutes worked (earn) */
	char *bonus;             /* bonus key (bonus) */
	char *reason;            /* adjust: why; reverse: what */
	int64_t reverses;        /* the entry a reversal undoes */
	int64_t signup_id;       /* the shift (earn, bonus, reverse) */
	int64_t item_id;         /* the item (redeem) */
	char *by;                /* the user who recorded it */
};
struct ledger_list {
	struct ledger_entry *v;
	size_t n, cap;
};
void ledger_list_free(struct ledger_list *l);

/*
 * What an entry was for, in the interface language, for statements:
 * "β暖冬志愿服务站 2027-01-08 (Volunteer, 7.5 h)", "Redeemed: 理发一次",
 * "Adjusted: reason". Dates in zone. Caller frees.
 */
char *ledger_describe(const struct ledger_entry *e,
		      const struct people_config *pc, const struct tz *zone);

int points_balance(struct store *st, int64_t person_id, int64_t *balance,
		   struct herr *err);
/* A person's ledger, oldest first. */
int points_statement(struct store *st, int64_t person_id,
		     struct ledger_list *out, struct herr *err);
/* Adds points (may be negative) by hand with a reason; refused when the
 * balance would go below zero. */
int points_adjust(struct store *st, int64_t person_id, int64_t points,
		  const char *reason, struct ledger_entry *out,
		  struct herr *err);

struct catalogue_item {
	int64_t id;
	char *name, *note;
	int64_t cost;
	int64_t stock;           /* -1: unlimited */
	bool active;
};
struct catalogue {
	struct catalogue_item *v;
	size_t n, cap;
};
void catalogue_item_free(struct catalogue_item *i);
void catalogue_free(struct catalogue *c);
int store_catalogue_add(struct store *st, struct catalogue_item *item,
			struct herr *err);
/* Replaces name, note, cost, stock and active of item->id. */
int store_catalogue_update(struct store *st, const struct catalogue_item *item,
			   struct herr *err);
/* Every item (retired ones too when all), by name. */
int store_catalogue_list(struct store *st, bool all, struct catalogue *out,
			 struct herr *err);
/* An item by ID or by name (exact, else a part only one has). */
int store_catalogue_find(struct store *st, const char *text,
			 struct catalogue_item *out, struct herr *err);
/*
 * Redeems an item for a person: its cost leaves the balance and one unit
 * its stock. Refused (HE_USER, naming the balance and the cost) when the
 * balance is short, and when the item is out of stock or retired.
 */
int points_redeem(struct store *st, int64_t person_id, int64_t item_id,
		  struct ledger_entry *out, struct herr *err);

/* A line of the notice board or of the balances. */
struct points_rank {
	int64_t person_id;
	char *name;
	struct strv groups;
	int64_t earned;          /* earned minus reversed in the period */
	int64_t balance;
	int minutes;             /* hours worked in the period, in minutes */
	int shifts;
};
struct points_ranks {
	struct points_rank *v;
	size_t n, cap;
};
void points_ranks_free(struct points_ranks *l);
/* Everyone with points earned for shifts since `since` (the shift's
 * start counts, not when it was recorded), most first (ties by name); at
 * most limit when limit > 0. */
int points_top(struct store *st, int64_t since, size_t limit,
	       struct points_ranks *out, struct herr *err);

/*
 * For reports (core/report): each occurrence whose shifts were worked and
 * that started in [from, to), with the minutes worked there and the points
 * earned for it (earned plus bonuses less reversals, from the ledger), in
 * no particular order.
 */
typedef void (*shift_total_fn)(void *ctx, int64_t series_id, int64_t rid,
			       int64_t start, int64_t minutes, int64_t points);
int points_by_occurrence(struct store *st, int64_t from, int64_t to,
			 shift_total_fn fn, void *ctx, struct herr *err);

/* ---- Everything about one person (hearth person export) ---- */

struct person_record {
	struct person person;
	struct signup_list signups;
	struct ledger_list ledger;
	int64_t balance;
};
int people_record(struct store *st, int64_t id, struct person_record *out,
		  struct herr *err);
void person_record_free(struct person_record *r);

/* ---- Demo data ---- */

/*
 * Adds volunteers, shifts, check-ins, points (by the built-in rates) and
 * redemptions to the demo calendar: called by demo_load once its events are
 * saved, inside its transaction.
 */
int demo_people_load(struct store *st, int64_t now, struct herr *err);

#endif
