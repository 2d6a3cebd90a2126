// libxml2 from the system (Debian: libxml2-dev), used to parse HTML pages.
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>

// Sets libxml2's limit on element depth (256 by default: past it the parser stops and the rest
// of a page is lost). Called once, before any page is parsed.
static inline void copydesk_set_parser_max_depth(unsigned int depth) { xmlParserMaxDepth = depth; }
