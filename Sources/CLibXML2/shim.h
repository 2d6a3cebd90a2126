// libxml2 from the system (Debian: libxml2-dev), used to parse HTML pages.
#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>

