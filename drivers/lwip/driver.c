/* synack's driver for lwIP 2.1.3 (docs/driver-protocol.md, version 1).
 *
 * One process, one thread, one lwIP stack (NO_SYS=1, raw/callback API).
 * The stack's only network interface hands every outgoing IPv4 packet to
 * a queue (`emitted`); `inject` feeds a packet to ip4_input(). Time is
 * virtual: sys_now() returns a counter that only `advance` moves, and the
 * driver calls tcp_tmr() itself every TCP_TMR_INTERVAL ms of it.
 *
 * "The connection" is the pcb the application owns: the one it connected,
 * or the one its listener accepted. lwIP accepts only once the handshake
 * completes, so before that a listener's SYN-RECEIVED child is reported
 * by looking it up in lwIP's list of active pcbs. */

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lwip/init.h"
#include "lwip/ip4.h"
#include "lwip/ip4_addr.h"
#include "lwip/netif.h"
#include "lwip/pbuf.h"
#include "lwip/priv/tcp_priv.h"
#include "lwip/tcp.h"

#include "driver_hooks.h"
#include "jsonl.h"

#define STACK_PORT 80
#define PEER_PORT 4000

/* ---- growable byte buffers ------------------------------------------ */

struct bytes {
  uint8_t *data;
  size_t len, cap;
};

static void die(const char *what) {
  fprintf(stderr, "synack-lwip-driver: %s\n", what);
  exit(2);
}

static void bytes_append(struct bytes *b, const void *src, size_t n) {
  if (n == 0) {
    return;
  }
  if (b->len + n > b->cap) {
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + n) {
      cap *= 2;
    }
    uint8_t *d = realloc(b->data, cap);
    if (d == NULL) {
      die("out of memory");
    }
    b->data = d;
    b->cap = cap;
  }
  memcpy(b->data + b->len, src, n);
  b->len += n;
}

static void bytes_consume(struct bytes *b, size_t n) {
  memmove(b->data, b->data + n, b->len - n);
  b->len -= n;
}

/* ---- driver state ------------------------------------------------------ */

static struct netif nif;
static ip4_addr_t stack_ip, peer_ip;

static uint64_t now_ms;      /* virtual time since the last reset */
static uint64_t next_tmr;    /* virtual time of the next tcp_tmr() call */
static uint64_t tmr_calls;   /* tcp_tmr() calls ever made (their parity matters) */

static uint32_t rand_state;  /* xorshift32, reseeded on reset */
static uint32_t connections; /* ISNs handed out since the last reset */

static struct tcp_pcb *listener;  /* the application's listen pcb, or NULL */
static struct tcp_pcb *conn;      /* "the connection", or NULL */
static bool had_connection;       /* a connection existed since the reset */

static struct bytes emitted;      /* concatenated packets ... */
static size_t *emitted_lens;      /* ... and their lengths */
static size_t emitted_n, emitted_cap;
static struct bytes received;     /* octets delivered to the application */
static struct bytes to_send;      /* SENDs lwIP's buffer could not take yet */
static bool close_pending;        /* CLOSE once to_send is written */

static bool ka_on;
static u32_t ka_idle, ka_intvl, ka_cnt;

/* ---- what lwIP calls -------------------------------------------------- */

u32_t sys_now(void) {
  /* lwIP compares times modulo 2^32; truncation is what it expects. */
  return (u32_t)now_ms;
}

unsigned int synack_rand(void) {
  rand_state ^= rand_state << 13;
  rand_state ^= rand_state >> 17;
  rand_state ^= rand_state << 5;
  return rand_state;
}

u32_t synack_tcp_isn(const ip_addr_t *local_ip, u16_t local_port,
                     const ip_addr_t *remote_ip, u16_t remote_port) {
  (void)local_ip;
  (void)local_port;
  (void)remote_ip;
  (void)remote_port;
  /* RFC 9293 §3.4.1's clock (one tick every 4 us, so 250 a millisecond),
   * from a fixed origin, plus a step per connection so two connections in
   * the same millisecond differ: the same case gives the same ISNs. */
  connections++;
  return (u32_t)(1000000u + 250u * (u32_t)now_ms + 64000u * connections);
}

void synack_diag(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
}

static err_t nif_output(struct netif *n, struct pbuf *p, const ip4_addr_t *dst) {
  (void)n;
  (void)dst;
  size_t start = emitted.len;
  uint8_t tmp[1500];
  u16_t len = p->tot_len;
  u16_t off = 0;
  /* Copy the chain out in pieces: a packet may be longer than tmp only if
   * the MTU were raised, and this keeps the stack frame small anyway. */
  while (off < len) {
    u16_t chunk = (u16_t)LWIP_MIN((u16_t)sizeof tmp, (u16_t)(len - off));
    if (pbuf_copy_partial(p, tmp, chunk, off) != chunk) {
      die("pbuf_copy_partial came up short");
    }
    bytes_append(&emitted, tmp, chunk);
    off = (u16_t)(off + chunk);
  }
  if (emitted_n == emitted_cap) {
    emitted_cap = emitted_cap ? emitted_cap * 2 : 16;
    size_t *l = realloc(emitted_lens, emitted_cap * sizeof *l);
    if (l == NULL) {
      die("out of memory");
    }
    emitted_lens = l;
  }
  emitted_lens[emitted_n++] = emitted.len - start;
  return ERR_OK;
}

static err_t nif_init(struct netif *n) {
  n->name[0] = 's';
  n->name[1] = 'k';
  n->mtu = 1500;
  n->output = nif_output;
  /* No link layer: linkoutput is never called for a netif without ARP. */
  n->flags = NETIF_FLAG_LINK_UP;
  return ERR_OK;
}

/* ---- pcb bookkeeping -------------------------------------------------- */

static bool in_list(struct tcp_pcb *list, const struct tcp_pcb *pcb) {
  for (; list != NULL; list = list->next) {
    if (list == pcb) {
      return true;
    }
  }
  return false;
}

/* lwIP frees a pcb without telling the application when TIME-WAIT ends or
 * when CLOSE deletes a SYN-SENT pcb: look for it before trusting it. */
static void check_conn(void) {
  if (conn != NULL && !in_list(tcp_active_pcbs, conn) && !in_list(tcp_tw_pcbs, conn) &&
      !in_list(tcp_bound_pcbs, conn)) {
    conn = NULL;
  }
}

static void apply_keepalive(struct tcp_pcb *pcb) {
  if (!ka_on) {
    return;
  }
  ip_set_option(pcb, SOF_KEEPALIVE);
  pcb->keep_idle = ka_idle;
  pcb->keep_intvl = ka_intvl;
  pcb->keep_cnt = ka_cnt;
}

static void flush_send(void);

static err_t on_recv(void *arg, struct tcp_pcb *pcb, struct pbuf *p, err_t err) {
  (void)arg;
  (void)err;
  if (p == NULL) {
    /* The peer's FIN: the application sees end of file and keeps the pcb
     * (the default handler, tcp_recv_null, would close it). */
    return ERR_OK;
  }
  for (struct pbuf *q = p; q != NULL; q = q->next) {
    bytes_append(&received, q->payload, q->len);
  }
  /* Read everything at once, so the window reopens at once. */
  tcp_recved(pcb, p->tot_len);
  pbuf_free(p);
  return ERR_OK;
}

static err_t on_sent(void *arg, struct tcp_pcb *pcb, u16_t len) {
  (void)arg;
  (void)pcb;
  (void)len;
  flush_send();
  return ERR_OK;
}

static void on_err(void *arg, err_t err) {
  (void)err;
  /* The pcb is already freed; ARG is the pcb pointer it had. */
  if (arg != NULL && arg == conn) {
    conn = NULL;
    to_send.len = 0;
    close_pending = false;
  }
}

static err_t on_connected(void *arg, struct tcp_pcb *pcb, err_t err) {
  (void)arg;
  (void)pcb;
  (void)err;
  flush_send();
  return ERR_OK;
}

static void own(struct tcp_pcb *pcb) {
  tcp_arg(pcb, pcb);
  tcp_recv(pcb, on_recv);
  tcp_sent(pcb, on_sent);
  tcp_err(pcb, on_err);
}

static err_t on_accept(void *arg, struct tcp_pcb *newpcb, err_t err) {
  (void)arg;
  if (err != ERR_OK || newpcb == NULL) {
    return ERR_VAL;
  }
  own(newpcb);
  apply_keepalive(newpcb);
  check_conn();
  /* A second connection is served (its data is received too) but the
   * first one stays "the connection" while it lives. */
  if (conn == NULL) {
    conn = newpcb;
    had_connection = true;
  }
  return ERR_OK;
}

/* ---- application calls -------------------------------------------------- */

static const char *err_text(err_t e) {
  switch (e) {
    case ERR_MEM: return "out of memory (ERR_MEM)";
    case ERR_BUF: return "buffer error (ERR_BUF)";
    case ERR_RTE: return "no route (ERR_RTE)";
    case ERR_VAL: return "illegal value (ERR_VAL)";
    case ERR_USE: return "address in use (ERR_USE)";
    case ERR_ISCONN: return "connection already exists (ERR_ISCONN)";
    case ERR_CONN: return "connection closing or not connected (ERR_CONN)";
    case ERR_ARG: return "illegal argument (ERR_ARG)";
    default: return "lwIP error";
  }
}

static void do_shutdown(void) {
  close_pending = false;
  if (conn == NULL) {
    return;
  }
  err_t e = tcp_shutdown(conn, 0, 1);
  check_conn();
  if (e == ERR_OK && conn != NULL) {
    tcp_output(conn);
  }
}

/* Hands lwIP as much of to_send as its send buffer takes. Returns the
 * error of tcp_write if it refused outright (not merely "full"). */
static err_t flush_send_err(void) {
  check_conn();
  if (conn == NULL) {
    return ERR_CONN;
  }
  while (to_send.len > 0) {
    size_t room = tcp_sndbuf(conn);
    if (room == 0 || tcp_sndqueuelen(conn) >= TCP_SND_QUEUELEN) {
      break;
    }
    u16_t n = (u16_t)LWIP_MIN(room, LWIP_MIN(to_send.len, (size_t)0xffff));
    err_t e = tcp_write(conn, to_send.data, n, TCP_WRITE_FLAG_COPY);
    if (e == ERR_MEM) {
      break; /* full for now: on_sent retries */
    }
    if (e != ERR_OK) {
      to_send.len = 0;
      return e;
    }
    bytes_consume(&to_send, n);
  }
  tcp_output(conn);
  if (close_pending && to_send.len == 0) {
    do_shutdown();
  }
  return ERR_OK;
}

static void flush_send(void) {
  if (conn != NULL && (to_send.len > 0 || close_pending)) {
    (void)flush_send_err();
  }
}

static void free_all_pcbs(void) {
  /* tcp_abort removes the pcb from its list (sending a RST when the state
   * calls for one; the queue is cleared afterwards). Bounded loops: if a
   * pcb ever stayed on its list, the driver must stop, not spin. */
  for (int i = 0; tcp_active_pcbs != NULL; i++) {
    if (i > 1000) die("could not free the active pcbs");
    tcp_abort(tcp_active_pcbs);
  }
  for (int i = 0; tcp_tw_pcbs != NULL; i++) {
    if (i > 1000) die("could not free the TIME-WAIT pcbs");
    tcp_abort(tcp_tw_pcbs);
  }
  /* Listen and bound-only pcbs cannot be aborted; closing frees them. */
  for (int i = 0; tcp_listen_pcbs.pcbs != NULL; i++) {
    if (i > 1000) die("could not free the listen pcbs");
    tcp_close(tcp_listen_pcbs.pcbs);
  }
  for (int i = 0; tcp_bound_pcbs != NULL; i++) {
    if (i > 1000) die("could not free the bound pcbs");
    tcp_close(tcp_bound_pcbs);
  }
}

static void reset(void) {
  conn = NULL;
  listener = NULL;
  free_all_pcbs();
  had_connection = false;
  emitted.len = 0;
  emitted_n = 0;
  received.len = 0;
  to_send.len = 0;
  close_pending = false;
  ka_on = false;
  rand_state = 0x5eed1234u;
  connections = 0;
  /* tcp_tmr() runs the slow timer on every other call, counting in a
   * static of tcp.c. Make the next call a fast-only one, so the slow
   * timer (RTO, 2MSL) always runs at 500, 1000, ... ms after a reset.
   * With no pcbs left, an extra call only moves lwIP's counters. */
  if (tmr_calls % 2 == 0) {
    tcp_tmr();
    tmr_calls++;
  }
  now_ms = 0;
  next_tmr = TCP_TMR_INTERVAL;
}

static void advance(uint64_t ms) {
  uint64_t target = now_ms + ms;
  while (next_tmr <= target) {
    if (tcp_active_pcbs == NULL && tcp_tw_pcbs == NULL) {
      /* Nothing for the timers to do: skip an even number of calls (the
       * slow timer's phase is kept) instead of looping through hours. */
      uint64_t calls = (target - next_tmr) / TCP_TMR_INTERVAL + 1;
      uint64_t skip = calls & ~(uint64_t)1;
      if (skip > 0) {
        next_tmr += skip * TCP_TMR_INTERVAL;
        tmr_calls += skip;
        continue;
      }
    }
    now_ms = next_tmr;
    tcp_tmr();
    tmr_calls++;
    next_tmr += TCP_TMR_INTERVAL;
    flush_send();
  }
  now_ms = target;
}

/* A pcb in SYN-RECEIVED the application has not been given: a listener's
 * child before lwIP accepts it, or one orphaned by closing the listener
 * (lwIP keeps it, retransmitting its SYN,ACK, and resets it when the
 * handshake completes). The driver is lwIP's only user, so any such pcb
 * is the connection being opened. */
static bool unaccepted_syn_rcvd(void) {
  for (struct tcp_pcb *p = tcp_active_pcbs; p != NULL; p = p->next) {
    if (p->state == SYN_RCVD) {
      return true;
    }
  }
  return false;
}

static const char *state_name(enum tcp_state s) {
  switch (s) {
    case CLOSED: return "CLOSED";
    case LISTEN: return "LISTEN";
    case SYN_SENT: return "SYN-SENT";
    case SYN_RCVD: return "SYN-RECEIVED";
    case ESTABLISHED: return "ESTABLISHED";
    case FIN_WAIT_1: return "FIN-WAIT-1";
    case FIN_WAIT_2: return "FIN-WAIT-2";
    case CLOSE_WAIT: return "CLOSE-WAIT";
    case CLOSING: return "CLOSING";
    case LAST_ACK: return "LAST-ACK";
    case TIME_WAIT: return "TIME-WAIT";
  }
  return NULL;
}

static const char *current_state(void) {
  check_conn();
  if (conn != NULL) {
    return state_name(conn->state);
  }
  if (unaccepted_syn_rcvd()) {
    return "SYN-RECEIVED";
  }
  /* A connection came and went: RFC 9293's TCB is gone (CLOSED), even
   * though lwIP's listener, a separate pcb, still listens. */
  if (had_connection) {
    return "CLOSED";
  }
  return listener != NULL ? "LISTEN" : "CLOSED";
}

/* ---- answers ------------------------------------------------------------ */

static void put_hex(const uint8_t *d, size_t n) {
  static const char digits[] = "0123456789abcdef";
  for (size_t i = 0; i < n; i++) {
    putchar(digits[d[i] >> 4]);
    putchar(digits[d[i] & 15]);
  }
}

static void answer_ok(void) { fputs("{\"result\":\"ok\"}\n", stdout); }

static void answer_error(const char *text) {
  /* Error texts are the driver's own constants: no quoting needed. */
  printf("{\"result\":\"error\",\"error\":\"%s\"}\n", text);
}

static void answer_fail(const char *text) {
  fputs("{\"fail\":\"", stdout);
  for (const char *c = text; *c; c++) {
    if (*c == '"' || *c == '\\') {
      putchar('\\');
      putchar(*c);
    } else if ((unsigned char)*c < 0x20) {
      printf("\\u%04x", (unsigned)(unsigned char)*c);
    } else {
      putchar(*c);
    }
  }
  fputs("\"}\n", stdout);
}

static int hex_val(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* Decodes HEX into OUT (reset first). Returns false if it is not hex. */
static bool unhex(const char *hex, struct bytes *out) {
  size_t n = strlen(hex);
  out->len = 0;
  if (n % 2 != 0) {
    return false;
  }
  for (size_t i = 0; i < n; i += 2) {
    int hi = hex_val(hex[i]), lo = hex_val(hex[i + 1]);
    if (hi < 0 || lo < 0) {
      return false;
    }
    uint8_t b = (uint8_t)(hi << 4 | lo);
    bytes_append(out, &b, 1);
  }
  return true;
}

/* ---- the ops ------------------------------------------------------------ */

/* A new pcb bound to 192.0.2.1:80, or NULL after answering the error. */
static struct tcp_pcb *new_bound_pcb(void) {
  struct tcp_pcb *pcb = tcp_new();
  if (pcb == NULL) {
    answer_error(err_text(ERR_MEM));
    return NULL;
  }
  err_t e = tcp_bind(pcb, &stack_ip, STACK_PORT);
  if (e != ERR_OK) {
    tcp_close(pcb);
    answer_error(err_text(e));
    return NULL;
  }
  return pcb;
}

static void op_listen(void) {
  check_conn();
  if (conn != NULL || listener != NULL) {
    answer_error("connection already exists");
    return;
  }
  struct tcp_pcb *pcb = new_bound_pcb();
  if (pcb == NULL) {
    return;
  }
  err_t e;
  apply_keepalive(pcb); /* SOF_KEEPALIVE is inherited by accepted pcbs */
  struct tcp_pcb *lpcb = tcp_listen_with_backlog_and_err(pcb, TCP_DEFAULT_LISTEN_BACKLOG, &e);
  if (lpcb == NULL) {
    tcp_close(pcb); /* on failure tcp_listen leaves PCB as it was */
    answer_error(err_text(e));
    return;
  }
  tcp_accept(lpcb, on_accept);
  listener = lpcb;
  answer_ok();
}

static void op_connect(void) {
  check_conn();
  if (conn != NULL || listener != NULL) {
    answer_error("connection already exists");
    return;
  }
  struct tcp_pcb *pcb = new_bound_pcb();
  if (pcb == NULL) {
    return;
  }
  own(pcb);
  apply_keepalive(pcb);
  err_t e = tcp_connect(pcb, &peer_ip, PEER_PORT, on_connected);
  if (e != ERR_OK) {
    tcp_close(pcb);
    answer_error(err_text(e));
    return;
  }
  conn = pcb;
  had_connection = true;
  answer_ok();
}

static void op_send(const char *hex) {
  static struct bytes data;
  if (!unhex(hex, &data)) {
    answer_fail("send: data is not hex");
    return;
  }
  check_conn();
  if (conn == NULL) {
    answer_error("connection does not exist");
    return;
  }
  if (close_pending) {
    answer_error("connection closing");
    return;
  }
  if (data.len == 0) {
    answer_ok();
    return;
  }
  bool was_queued = to_send.len > 0;
  bytes_append(&to_send, data.data, data.len);
  err_t e = flush_send_err();
  if (e != ERR_OK && !was_queued) {
    answer_error(err_text(e));
    return;
  }
  answer_ok();
}

static void op_close(void) {
  check_conn();
  if (conn != NULL) {
    if (to_send.len > 0) {
      close_pending = true; /* FIN after the queued data, as RFC 9293 says */
      answer_ok();
      return;
    }
    if (conn->state == SYN_SENT) {
      /* tcp_shutdown refuses SYN-SENT; tcp_close deletes the pcb, which
       * is what RFC 9293 §3.10.4 asks of CLOSE there. */
      err_t e = tcp_close(conn);
      check_conn();
      if (e != ERR_OK) {
        answer_error(err_text(e));
      } else {
        answer_ok();
      }
      return;
    }
    err_t e = tcp_shutdown(conn, 0, 1);
    check_conn();
    if (e != ERR_OK) {
      answer_error(err_text(e));
      return;
    }
    if (conn != NULL) {
      tcp_output(conn);
    }
    answer_ok();
    return;
  }
  if (listener != NULL && unaccepted_syn_rcvd()) {
    /* The raw API hands the application a connection only once its
     * handshake completes: before that CLOSE cannot name it, and closing
     * the listener instead would orphan it (§3.9.1: the interface is the
     * implementation's). Refused, like a socket's. */
    answer_error("the connection is not accepted yet: the raw API cannot name it");
    return;
  }
  if (listener != NULL) {
    err_t e = tcp_close(listener);
    listener = NULL;
    if (e != ERR_OK) {
      answer_error(err_text(e));
    } else {
      answer_ok();
    }
    return;
  }
  answer_error("connection does not exist");
}

static void op_abort(void) {
  check_conn();
  to_send.len = 0;
  close_pending = false;
  if (conn != NULL) {
    tcp_abort(conn); /* on_err clears conn */
    conn = NULL;
    answer_ok();
    return;
  }
  if (listener != NULL && unaccepted_syn_rcvd()) {
    answer_error("the connection is not accepted yet: the raw API cannot name it");
    return;
  }
  if (listener != NULL) {
    /* tcp_abort refuses listen pcbs; closing one frees it at once. */
    tcp_close(listener);
    listener = NULL;
    answer_ok();
    return;
  }
  answer_error("connection does not exist");
}

static void op_inject(const char *hex) {
  static struct bytes pkt;
  if (!unhex(hex, &pkt) || pkt.len == 0 || pkt.len > 0xffff) {
    answer_fail("inject: packet is not hex, or empty, or too long");
    return;
  }
  struct pbuf *p = pbuf_alloc(PBUF_RAW, (u16_t)pkt.len, PBUF_RAM);
  if (p == NULL) {
    answer_fail("inject: pbuf_alloc failed");
    return;
  }
  if (pbuf_take(p, pkt.data, (u16_t)pkt.len) != ERR_OK) {
    pbuf_free(p);
    answer_fail("inject: pbuf_take failed");
    return;
  }
  /* ip4_input always takes ownership of the pbuf. */
  nif.input(p, &nif);
  flush_send();
  fputs("{}\n", stdout);
}

static void op_emitted(void) {
  fputs("{\"packets\":[", stdout);
  size_t off = 0;
  for (size_t i = 0; i < emitted_n; i++) {
    fputs(i ? ",\"" : "\"", stdout);
    put_hex(emitted.data + off, emitted_lens[i]);
    putchar('"');
    off += emitted_lens[i];
  }
  fputs("]}\n", stdout);
  emitted.len = 0;
  emitted_n = 0;
}

static void op_received(void) {
  fputs("{\"data\":\"", stdout);
  put_hex(received.data, received.len);
  fputs("\"}\n", stdout);
  received.len = 0;
}

static void op_keepalive(const struct jsonl_object *req) {
  const struct jsonl_field *idle = jsonl_get(req, "idle_ms");
  const struct jsonl_field *intvl = jsonl_get(req, "interval_ms");
  const struct jsonl_field *cnt = jsonl_get(req, "count");
  if (idle == NULL || intvl == NULL || cnt == NULL || idle->kind != JSONL_NUMBER ||
      intvl->kind != JSONL_NUMBER || cnt->kind != JSONL_NUMBER || idle->num > UINT32_MAX ||
      intvl->num > UINT32_MAX || cnt->num > UINT32_MAX) {
    answer_fail("keepalive: needs idle_ms, interval_ms and count, 32-bit numbers");
    return;
  }
  ka_on = true;
  ka_idle = (u32_t)idle->num;
  ka_intvl = (u32_t)intvl->num;
  ka_cnt = (u32_t)cnt->num;
  /* "For the connection to come"; a listener's children inherit only the
   * SOF_KEEPALIVE flag, so on_accept sets the times. */
  if (listener != NULL) {
    ip_set_option(listener, SOF_KEEPALIVE);
  }
  check_conn();
  if (conn != NULL) {
    apply_keepalive(conn);
  }
  fputs("{}\n", stdout);
}

static const char *str_field(const struct jsonl_object *req, const char *key) {
  const struct jsonl_field *f = jsonl_get(req, key);
  return f != NULL && f->kind == JSONL_STRING ? f->str : NULL;
}

int main(void) {
  char *line = NULL;
  size_t cap = 0;

  lwip_init();
  IP4_ADDR(&stack_ip, 192, 0, 2, 1);
  IP4_ADDR(&peer_ip, 192, 0, 2, 2);
  ip4_addr_t mask, gw;
  IP4_ADDR(&mask, 255, 255, 255, 0);
  ip4_addr_set_zero(&gw);
  if (netif_add(&nif, &stack_ip, &mask, &gw, NULL, nif_init, ip4_input) == NULL) {
    die("netif_add failed");
  }
  netif_set_default(&nif);
  netif_set_up(&nif);
  netif_set_link_up(&nif);
  reset();

  while (getline(&line, &cap, stdin) >= 0) {
    struct jsonl_object req;
    const char *perr = jsonl_parse(line, &req);
    const char *op = perr ? NULL : str_field(&req, "op");
    if (perr != NULL) {
      answer_fail(perr);
    } else if (op == NULL) {
      answer_fail("request without an op");
    } else if (strcmp(op, "hello") == 0) {
      /* The facts synack judges lwIP by (docs/driver-protocol.md): the
       * initial RTO is 3 s (tcp_alloc: rto = 3000 / TCP_SLOW_INTERVAL),
       * TIME-WAIT 2 * TCP_MSL (60 s), TCP_SYNMAXRTX SYN retransmissions,
       * no RFC 5961 (lwIP 2.1.3 has no challenge ACKs). */
      printf("{\"version\":1,\"name\":\"lwIP %s\",\"state\":true,"
             "\"received\":true,\"keepalive\":true,\"declares\":{"
             "\"rto_ms\":3000,\"time_wait_ms\":%d,\"retries\":%d,"
             "\"rfc5961\":false,\"rfc5961_ack\":false}}\n",
             LWIP_VERSION_STRING, (int)(2 * TCP_MSL), TCP_SYNMAXRTX);
    } else if (strcmp(op, "reset") == 0) {
      reset();
      fputs("{}\n", stdout);
    } else if (strcmp(op, "listen") == 0) {
      op_listen();
    } else if (strcmp(op, "connect") == 0) {
      op_connect();
    } else if (strcmp(op, "send") == 0) {
      const char *d = str_field(&req, "data");
      if (d == NULL) {
        answer_fail("send: no data");
      } else {
        op_send(d);
      }
    } else if (strcmp(op, "close") == 0) {
      op_close();
    } else if (strcmp(op, "abort") == 0) {
      op_abort();
    } else if (strcmp(op, "inject") == 0) {
      const char *pk = str_field(&req, "packet");
      if (pk == NULL) {
        answer_fail("inject: no packet");
      } else {
        op_inject(pk);
      }
    } else if (strcmp(op, "advance") == 0) {
      const struct jsonl_field *ms = jsonl_get(&req, "ms");
      if (ms == NULL || ms->kind != JSONL_NUMBER) {
        answer_fail("advance: no ms");
      } else {
        advance(ms->num);
        fputs("{}\n", stdout);
      }
    } else if (strcmp(op, "emitted") == 0) {
      op_emitted();
    } else if (strcmp(op, "state") == 0) {
      const char *s = current_state();
      if (s != NULL) {
        printf("{\"state\":\"%s\"}\n", s);
      } else {
        fputs("{\"state\":null}\n", stdout);
      }
    } else if (strcmp(op, "received") == 0) {
      op_received();
    } else if (strcmp(op, "keepalive") == 0) {
      op_keepalive(&req);
    } else if (strcmp(op, "quit") == 0) {
      break;
    } else {
      answer_fail("unknown op");
    }
    fflush(stdout);
  }
  free(line);
  return 0;
}
