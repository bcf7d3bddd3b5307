#ifndef JM_LIBPQ_H
#define JM_LIBPQ_H
/* libpq, PostgreSQL's client library, loaded when the PostgreSQL engine first connects
 * (jm_pq_load) instead of linked: linked, it brought 20 more shared libraries (OpenSSL,
 * GnuTLS, Kerberos, LDAP, SASL, …) and ~7,000 symbol bindings into every start of journeymap,
 * ~3 ms of each run (a C program that only links -lpq starts in 3.5–5.1 ms against 0.6–0.7).
 *
 * The declarations are libpq's (libpq-fe.h, libpq.so.5; checked against PostgreSQL 15's header),
 * all present since PostgreSQL 9.2 (PQsetSingleRowMode); an older libpq is refused by name when
 * a function is missing. Enum results are returned as int, with the values used here below. */
#include <stddef.h>

typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;
typedef struct pg_cancel PGcancel;
typedef unsigned int Oid;

/* ConnStatusType and ExecStatusType values (libpq-fe.h). */
#define JM_CONNECTION_OK 0
#define JM_PGRES_COMMAND_OK 1
#define JM_PGRES_TUPLES_OK 2
#define JM_PGRES_SINGLE_TUPLE 9

/* Loads libpq.so.5 (or the library JOURNEYMAP_LIBPQ names) once, thread-safe. NULL when
 * loaded; else why not (dlerror's text). */
const char *jm_pq_load(void);

PGconn *jm_PQconnectdbParams(const char *const *keywords, const char *const *values, int expand_dbname);
int jm_PQstatus(const PGconn *conn);
int jm_PQconnectionNeedsPassword(const PGconn *conn);
char *jm_PQerrorMessage(const PGconn *conn);
void jm_PQfinish(PGconn *conn);
int jm_PQserverVersion(const PGconn *conn);
PGresult *jm_PQexecParams(PGconn *conn, const char *command, int nParams, const Oid *paramTypes,
                          const char *const *paramValues, const int *paramLengths, const int *paramFormats,
                          int resultFormat);
int jm_PQsendQueryParams(PGconn *conn, const char *command, int nParams, const Oid *paramTypes,
                         const char *const *paramValues, const int *paramLengths, const int *paramFormats,
                         int resultFormat);
int jm_PQsetSingleRowMode(PGconn *conn);
PGresult *jm_PQgetResult(PGconn *conn);
void jm_PQclear(PGresult *res);
int jm_PQresultStatus(const PGresult *res);
int jm_PQnfields(const PGresult *res);
char *jm_PQfname(const PGresult *res, int field_num);
int jm_PQntuples(const PGresult *res);
int jm_PQgetisnull(const PGresult *res, int tup_num, int field_num);
char *jm_PQgetvalue(const PGresult *res, int tup_num, int field_num);
char *jm_PQresultErrorField(const PGresult *res, int fieldcode);
PGcancel *jm_PQgetCancel(PGconn *conn);
int jm_PQcancel(PGcancel *cancel, char *errbuf, int errbufsize);
void jm_PQfreeCancel(PGcancel *cancel);
#endif
