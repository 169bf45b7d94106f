/*
 * probe_cmd.h - `mxtrace probe`: trace one address.
 */
#ifndef MXTRACE_PROBE_CMD_H
#define MXTRACE_PROBE_CMD_H

int	probe_main(int argc, char **argv);

#endif
