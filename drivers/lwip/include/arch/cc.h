/* Platform glue for lwIP on Linux (glibc, x86-64 or any 64-bit host). */
#ifndef SYNACK_ARCH_CC_H
#define SYNACK_ARCH_CC_H

#include <stdio.h>
#include <stdlib.h>

/* LWIP_RAND() is declared here because lwipopts.h is read before lwIP's
 * own types; a plain unsigned int return is converted where it is used. */
unsigned int synack_rand(void);

/* Diagnostics go to stderr: stdout belongs to the protocol. */
void synack_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#define LWIP_PLATFORM_DIAG(x) do { synack_diag x; } while (0)
/* An assertion inside lwIP is a broken driver or a broken stack: stop, so
 * synack reports the exit status rather than a silently wrong answer. */
#define LWIP_PLATFORM_ASSERT(x) do { \
    fprintf(stderr, "lwIP assertion \"%s\" failed at %s:%d\n", x, __FILE__, __LINE__); \
    fflush(stderr); abort(); } while (0)

#endif /* SYNACK_ARCH_CC_H */
