/* lwIP options for synack's driver: one stack, one netif, TCP over IPv4,
 * driven by a virtual clock from a single thread. Every option that
 * differs from lwIP's defaults (src/include/lwip/opt.h) says why. */
#ifndef SYNACK_LWIPOPTS_H
#define SYNACK_LWIPOPTS_H

/* No OS: the driver's main loop is the only thread; no semaphores. */
#define NO_SYS                          1
/* No lwIP timer list: the driver calls tcp_tmr() itself every
 * TCP_TMR_INTERVAL ms of virtual time, so the timer's phase after `reset`
 * is always the same (timeouts.c keeps static state we could not reset). */
#define LWIP_TIMERS                     0
/* Single thread, no interrupts: no critical sections needed. */
#define SYS_LIGHTWEIGHT_PROT            0
/* Raw/callback API only: no netconn or socket layer (they need NO_SYS=0). */
#define LWIP_NETCONN                    0
#define LWIP_SOCKET                     0

/* IPv4 only: the suite speaks IPv4. */
#define LWIP_IPV4                       1
#define LWIP_IPV6                       0
/* The netif carries bare IP packets: no Ethernet, so no ARP. */
#define LWIP_ARP                        0
#define LWIP_ETHERNET                   0
/* Only TCP is under test; ICMP stays on (ip4_input answers pings, and it
 * is lwIP's ordinary configuration). */
#define LWIP_ICMP                       1
#define LWIP_RAW                        0
#define LWIP_UDP                        0
#define LWIP_DHCP                       0
#define LWIP_AUTOIP                     0
#define LWIP_IGMP                       0
#define LWIP_DNS                        0
/* Reassembly needs a timer (ip_reass_tmr) we do not run; the suite never
 * fragments, and lwIP never needs to fragment a segment of TCP_MSS. */
#define IP_REASSEMBLY                   0
#define IP_FRAG                         0

#define LWIP_TCP                        1
/* A small MSS (RFC 9293's default for IPv4, §3.7.1) so segmentation shows
 * with little data. */
#define TCP_MSS                         536
/* A small receive window (lwIP requires TCP_WND >= 2*TCP_MSS): window
 * edges are reachable by short cases. */
#define TCP_WND                         (4 * TCP_MSS)
/* Send buffer to match; lwIP requires TCP_SND_BUF >= 2*TCP_MSS. */
#define TCP_SND_BUF                     (4 * TCP_MSS)
/* Keep-alive (RFC 9293 §3.8.4, MUST-24 allows it) is supported by the
 * driver's `keepalive` op, which sets keep_idle/keep_intvl/keep_cnt. */
#define LWIP_TCP_KEEPALIVE              1
/* lwIP's default, stated because the virtual clock depends on it: the
 * fast timer runs every 250 ms, the slow timer (RTO, 2MSL) every 500 ms. */
#define TCP_TMR_INTERVAL                250
/* Out-of-order segments are queued (lwIP's default, kept explicit). */
#define TCP_QUEUE_OOSEQ                 1

/* Memory: static pools, sized for one listener and a few connections
 * (a listener's SYN-RECEIVED children, a TIME-WAIT pcb, the new one). */
#define MEM_ALIGNMENT                   8
#define MEM_SIZE                        (64 * 1024)
#define MEMP_NUM_TCP_PCB                8
#define MEMP_NUM_TCP_PCB_LISTEN         2
#define MEMP_NUM_TCP_SEG                64
#define MEMP_NUM_PBUF                   32
#define PBUF_POOL_SIZE                  32

/* Checksums: one global setting, not per netif, and all on: the driver
 * emits correct checksums and drops injected packets whose are wrong. */
#define LWIP_CHECKSUM_CTRL_PER_NETIF    0
#define CHECKSUM_GEN_IP                 1
#define CHECKSUM_GEN_TCP                1
#define CHECKSUM_GEN_ICMP               1
#define CHECKSUM_CHECK_IP               1
#define CHECKSUM_CHECK_TCP              1
#define CHECKSUM_CHECK_ICMP             1

/* Determinism: lwIP's random numbers and initial sequence numbers come
 * from the driver, reseeded on every `reset` (driver_hooks.h). Without
 * the ISN hook, tcp_next_iss() keeps a static counter across resets. */
#define LWIP_RAND()                     synack_rand()
#define LWIP_HOOK_FILENAME              "driver_hooks.h"
#define LWIP_HOOK_TCP_ISN(local_ip, local_port, remote_ip, remote_port) \
  synack_tcp_isn((local_ip), (local_port), (remote_ip), (remote_port))

/* No statistics (stdout is the protocol; LWIP_DEBUG stays undefined, as
 * debug.h tests whether it is defined, not its value). */
#define LWIP_STATS                      0

#endif /* SYNACK_LWIPOPTS_H */
