/* main.c - command dispatch (placeholder until the probe driver lands). */
#include <stdio.h>

int
main(void)
{
	fputs("mxtrace: not built yet\n", stderr);
	return 64;
}
