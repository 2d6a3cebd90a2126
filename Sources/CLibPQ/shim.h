// libpq from the system (Debian: libpq-dev), the PostgreSQL client library behind the postgres
// sink: connections by URL and PG* environment variables, parameterized queries and COPY.
#include <libpq-fe.h>
