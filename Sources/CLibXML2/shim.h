// libxml2 from the system (Debian: libxml2-dev), used to parse HTML pages.
#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU, whose headers (<unicode/ucnv.h>, pulled in by encoding.h)
// clash with the ICU module Foundation ships. Copydesk never touches the ICU fields of
// libxml2's encoding handlers (it only passes handler pointers back to libxml2), so the
// ICU declarations are left out.
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
