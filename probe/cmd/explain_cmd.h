/*
 * explain_cmd.h - `mxtrace explain`: see explain_cmd.c and docs/mxtrace.1.
 */
#ifndef MXTRACE_EXPLAIN_CMD_H
#define MXTRACE_EXPLAIN_CMD_H

int	explain_main(int argc, char **argv);

#endif
