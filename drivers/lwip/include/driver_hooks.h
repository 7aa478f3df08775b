/* Hooks lwIP calls into the driver (LWIP_HOOK_FILENAME); included by
 * tcp.c, tcp_in.c and tcp_out.c after lwIP's types are defined. */
#ifndef SYNACK_DRIVER_HOOKS_H
#define SYNACK_DRIVER_HOOKS_H

#include "lwip/arch.h"
#include "lwip/ip_addr.h"

/* The initial sequence number of a new connection: deterministic, so the
 * same case produces the same segments in every run. */
u32_t synack_tcp_isn(const ip_addr_t *local_ip, u16_t local_port,
                     const ip_addr_t *remote_ip, u16_t remote_port);

#endif /* SYNACK_DRIVER_HOOKS_H */
