/*
 * sender_cmd.h - `mxtrace sender`: see sender_cmd.c and docs/mxtrace.1.
 */
#ifndef MXTRACE_SENDER_CMD_H
#define MXTRACE_SENDER_CMD_H

int	sender_main(int argc, char **argv);

#endif
