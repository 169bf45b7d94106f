/*
 * verify.h - `mxtrace verify [options] FILE|-`: probe every address of a
 * list and write one JSON record per input row (docs/json.md).
 */
#ifndef MXTRACE_VERIFY_H
#define MXTRACE_VERIFY_H

int	verify_main(int argc, char **argv);

#endif
