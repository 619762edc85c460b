/*
 * people_int.h - what the files of core/people share; not an interface.
 */
#ifndef HEARTH_PEOPLE_INT_H
#define HEARTH_PEOPLE_INT_H

#include "../changes.h"
#include "people.h"

/* The person with this phone (normalised), 0 when none. */
int store_person_by_phone(struct store *st, const char *phone, int64_t *id,
			  struct herr *err);
/* The people with this exact name and no phone: their number in *n and
 * the first one's ID. */
int store_person_by_name_no_phone(struct store *st, const char *name,
				  int64_t *id, int *n, struct herr *err);
/* The points account of a person. */
int store_person_account(struct store *st, int64_t person_id,
			 int64_t *account, struct herr *err);

/* A new ledger row: *e gives what it records (kind, points, texts);
 * its id, time, balance and user are set here. Refuses a balance below
 * zero with a message naming it. Inside the caller's transaction. */
int ledger_append(struct store *st, int64_t account, struct ledger_entry *e,
		  struct herr *err);
int ledger_account_balance(struct store *st, int64_t account,
			   int64_t *balance, struct herr *err);
/* The entries of a sign-up not yet reversed (earn and bonus). */
int ledger_signup_entries(struct store *st, int64_t signup_id,
			  struct ledger_list *out, struct herr *err);
int ledger_read_account(struct store *st, int64_t account,
			struct ledger_list *out, struct herr *err);

/* One occurrence of a series, as sign-ups see it. */
struct occ_at {
	bool exists;             /* the series has an occurrence at rid */
	bool cancelled, moved;
	int64_t start, end;      /* its times now */
	struct civil day;        /* the local date it starts on */
	char *uid, *title, *kind;
	char tzid[TZ_NAME_MAX + 1];
	bool all_day;
};
void occ_at_free(struct occ_at *o);
/* Reads the occurrence rid of series_id (HE_USER when the series is gone). */
int store_occ_at(struct store *st, int64_t series_id, const struct civil *rid,
		 struct occ_at *out, struct herr *err);
/* "2027-01-08 10:00–18:00" in the occurrence's zone (date alone when
 * all-day). */
void occ_at_span(const struct occ_at *o, char buf[64]);

/*
 * Logs a change to the audit log (audit.h), in the caller's transaction.
 * People are named by "person ID", never by name or phone: the log
 * outlives a removed person, and must not keep what removing them took
 * away. ch may be NULL.
 */
int people_audit(struct store *st, const char *action, const char *entity,
		 const char *ref, const char *label, const char *part,
		 const struct changes *ch, struct herr *err);
/* Logs a change to the shifts or sign-ups of series_id (ref its UID,
 * label its title). */
int people_audit_series(struct store *st, int64_t series_id,
			const char *action, const char *entity,
			const char *part, const struct changes *ch,
			struct herr *err);
/* "person 12", for the log. */
void people_ref(int64_t person_id, char buf[32]);

#endif
