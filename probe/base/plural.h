/*
 * plural.h - the one way a message says "1 address", "2 addresses": a
 * choice {N|one|other} in the text, its one form when value N is 1, its
 * other form otherwise.  In a catalogue template (catalog_fmt) value N is
 * the template's {N}; in a printf format (xasprintf, strlist_addf,
 * cli_msg ...: every format xvasprintf renders) it is the format's Nth
 * conversion, an integer.  Chinese has no plural, but a row may choose
 * a word by a count too ("都" for several: catalog_tr_text picks it by the
 * English text's counts).
 */
#ifndef MXTRACE_PLURAL_H
#define MXTRACE_PLURAL_H

#include <stdarg.h>
#include <stddef.h>

/*
 * tmpl with each {N|one|other} made one form: one when vals[N-1] is "1". Owned.
 */
char	*plural_pick(const char *tmpl, const char *const vals[], size_t n);
/*
 * fmt (printf) with each {N|one|other} made one form by the value of its
 * Nth conversion in ap (ap itself is not consumed); NULL when fmt has no
 * choice.  A choice naming a conversion that is no integer takes its
 * other form; a conversion the sources never use (%n) is fatal.  Owned.
 */
char	*plural_vformat(const char *fmt, va_list ap);
/* Whether s opens a choice "{N|": where a matcher treats it as one. */
int	 plural_at(const char *s);

#endif
