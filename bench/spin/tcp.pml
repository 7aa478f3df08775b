/*
 * tcp.pml -- synack's `client-server` scenario in Promela, for SPIN.
 *
 * The same system synack model-checks (model/src/model/system.rs: two
 * hosts, each a TCP endpoint and its application, and a network between
 * them), written so that SPIN's reachable states are in one-to-one
 * correspondence with synack's: SPIN's "states, stored" (with -DNOREDUCE,
 * full state storage) equals synack's "distinct states". See README.md for
 * the mapping and the commands.
 *
 * Every successor is computed here with the same TCP rules (RFC 9293 §3.10
 * as model/src/endpoint/*.rs writes them): nothing is looked up.
 *
 * Structure
 *   - one process, one control point: `end: do :: d_step {...} ... od`.
 *     Each option is one action of synack's `Tcp::enabled` (App(h),
 *     Deliver(i), Lose(i), Duplicate(i), Tick): its guard is the enabling
 *     condition, its d_step body is `Tcp::step` for that action. A d_step
 *     stores no intermediate state, so one option = one synack transition.
 *     (Deliver and Duplicate are split in two d_steps inside one atomic
 *     sequence, which stores no intermediate state either: see TAKE.)
 *   - all state is global; scratch variables are `hidden` (not in the state
 *     vector) and are written before being read in every d_step.
 *   - the initial values of the globals are synack's `Tcp::initial()`: both
 *     hosts CLOSED, nothing in flight, then the scenario's setup step
 *     (the server's Listen) -- see the declarations of the state vector.
 *
 * Parameters (cpp macros, e.g. spin -a -DLOSSES=1 -DDUPLICATES=1 ...):
 *   LOSSES DUPLICATES REORDERS  network budgets     (synack --losses ...)
 *   MSL RTO MAX_RETRIES         timers, retries     (--msl --rto --retries)
 *   ISN_STEP                    Bounds::isn_step    (default 10; each host
 *                               opens one connection here, so it never
 *                               shows: ISS = 0 and 100)
 *   MAXF                        capacity of the in-flight array (no effect
 *                               on the count; an assertion fails if short)
 *   DUMP                        write every state reached to states.txt
 */

/* ------------------------------------------------------------------ */
/* Parameters: synack's Bounds::default() (model/src/model/scenario.rs) */
/* ------------------------------------------------------------------ */
#ifndef LOSSES
#define LOSSES 1
#endif
#ifndef DUPLICATES
#define DUPLICATES 1
#endif
#ifndef REORDERS
#define REORDERS 1
#endif
#ifndef MSL
#define MSL 2
#endif
#ifndef RTO
#define RTO 2
#endif
#ifndef MAX_RETRIES
#define MAX_RETRIES 3
#endif
#ifndef ISN_STEP
#define ISN_STEP 10
#endif
#ifndef MAXF
#define MAXF 10           /* at most 16 (the option list below) */
#endif
#define SBUF 1            /* send buffer capacity: the client sends 1 octet */

/* Config::for_msl + Bounds::config (model/src/config.rs): MSS 1, RCV.WND 4,
 * TIME-WAIT 2*MSL, RFC 5961 on, RFC 1337 off, keep-alive off, nothing
 * broken. These are compiled into the rules below. */
#define MSS 1
#define RCV_WND 4
#define TIME_WAIT_LEN (2 * MSL)

/* ISN_BASE (scenario.rs): ISS = ISN_BASE[host] + connection * isn_step */
#define ISN_BASE(host) ((host) == 0 -> 0 : 100)

/* State (model/src/state.rs), in the order of State::ALL (= its index) */
#define CLOSED        0
#define LISTEN        1
#define SYN_SENT      2
#define SYN_RECEIVED  3
#define ESTABLISHED   4
#define FIN_WAIT_1    5
#define FIN_WAIT_2    6
#define CLOSE_WAIT    7
#define CLOSING       8
#define LAST_ACK      9
#define TIME_WAIT     10
/* State::is_synchronized: every state from ESTABLISHED on */
#define SYNCHRONIZED(s) ((s) >= ESTABLISHED)

/* Flags (model/src/segment.rs): the raw bits */
#define SYN 1
#define ACK 2
#define FIN 4
#define RST 8

/* Sequence-number comparisons (model/src/seq.rs): on the signed distance
 * a - b. Promela evaluates in C int; every number here stays in 0..255 and
 * temporaries stay far from +-2^31, so the int difference equals the
 * wrapping i32 distance synack uses (e.g. SND.UNA - MAX.SND.WND = -4 for the
 * client compares exactly like 2^32 - 4 does). */
#define LT(a, b) (((a) - (b)) < 0)
#define LE(a, b) (((a) - (b)) <= 0)
#define GT(a, b) (((a) - (b)) > 0)
#define IN_WINDOW(x, lo, hi) (LE(lo, x) && LT(x, hi))

/* The applications' scripts (scenario.rs, "client-server"):
 *   client (host 0): [Connect, Send(1), AwaitEstablished, Close]
 *   server (host 1): [Listen, AwaitEof, Close]                           */
#define S_LISTEN     1
#define S_CONNECT    2
#define S_SEND1      3   /* Send(1) */
#define S_CLOSE      4
#define S_AWAIT_EST  5   /* AwaitEstablished */
#define S_AWAIT_EOF  6   /* AwaitEof */
hidden byte script[8] = { S_CONNECT, S_SEND1, S_AWAIT_EST, S_CLOSE,
                          S_LISTEN, S_AWAIT_EOF, S_CLOSE, 0 };
#define SCRIPT_LEN(host) ((host) == 0 -> 4 : 3)
#define STEP(host) script[(host) * 4 + app_pc[host]]

/* app.rs octet(): the octet a host sends as its index-th on a connection */
#define OCTET(host, conn, index) (((host) << 7) | (((conn) & 7) << 4) | ((index) & 15))

/* ================================================================== */
/* The state vector                                                    */
/* ================================================================== */

/* ---- Endpoint (model/src/endpoint/mod.rs): state + Tcb, per host ----
 * Index 0 is the client, 1 the server. Initial values: host 0 CLOSED with
 * Tcb::default(); host 1 after its setup step Listen (Tcp::initial runs
 * App(1) once): Endpoint::open(Passive{iss: 100}) = LISTEN with
 * Tcb{iss: 100, passive, rcv_wnd: 4, ..default}.                        */
byte ep_state[2]    = { CLOSED, LISTEN };
byte iss[2]         = { 0, 100 };        /* ISN_BASE(1) + 0 * ISN_STEP */
byte irs[2];
byte snd_una[2];
byte snd_nxt[2];
byte snd_wnd[2];
byte max_snd_wnd[2];
byte snd_wl1[2];
byte snd_wl2[2];
byte rcv_nxt[2];
byte rcv_wnd[2]     = { 0, RCV_WND };
/* Tcb::send_buffer: a Vec<u8> as array + length, unused slots kept 0 */
typedef Buf { byte b[SBUF] };
Buf  sbuf[2];
byte sbuf_len[2];
/* Tcb::snd_fin: an Option<SeqNum> as flag + value, value 0 when None */
bit  fin_set[2];
byte snd_fin[2];
bit  passive[2]     = { 0, 1 };
byte retries[2];
/* Tcb::timers (timers.rs): ticks left, 0 = not running */
byte t_retransmit[2];
byte t_time_wait[2];
/* Not represented, constant in this scenario (keep-alive off): Tcb::probes
 * and timers.keepalive are always 0 (keepalive_heard sets them to 0). */

/* ---- App (model/src/model/app.rs), per host ----
 * Host 1 has taken its setup step: pc 1, one connection opened.
 * Not represented: App::crashed, always false (no Crash step).          */
byte app_pc[2]          = { 0, 1 };
byte app_opens[2]       = { 0, 1 };
byte app_sent[2];
byte app_received[2];
bit  app_eof[2];
bit  app_active_closer[2];
bit  app_corrupted[2];
bit  app_unrequested[2];
bit  app_connect_timed_out[2];
bit  app_last_ack_reset[2];

/* ---- Network (model/src/model/network.rs) ----
 * in_flight: Vec<InFlight> as array + length, oldest first, removal shifts
 * the rest down, unused slots all 0. A segment (segment.rs) is flags, seq,
 * ack, wnd and its payload; with MSS 1 a payload is at most one octet:
 * plen (0 or 1) and pdata (the octet, 0 when plen is 0).                 */
typedef Flight {
  bit  from;       /* InFlight::from */
  byte flags;      /* Segment::flags */
  byte seq;        /* Segment::seq */
  byte ack;        /* Segment::ack */
  byte wnd;        /* Segment::wnd */
  byte plen;       /* Segment::payload.len() */
  byte pdata;      /* Segment::payload[0] */
  byte age;        /* InFlight::age */
  bit  dup         /* InFlight::duplicate */
};
Flight q[MAXF];
byte nq;                                  /* in_flight.len() */
byte losses_left     = LOSSES;
byte duplicates_left = DUPLICATES;
byte reorders_left   = REORDERS;

/* ================================================================== */
/* Scratch (hidden: not part of the state vector)                      */
/* ================================================================== */
hidden byte me, peer;       /* the endpoint processing an event, its peer */
hidden int  k, j;           /* loop indices */
/* the segment arriving (a copy: trim() edits it) */
hidden int  sg_flags, sg_seq, sg_ack, sg_wnd, sg_plen, sg_pdata;
/* the segment being formed (segment_from) */
hidden int  o_flags, o_seq, o_ack, o_wnd, o_plen, o_pdata;
/* a control segment being formed (Endpoint::control) */
hidden int  c_flags, c_ack, c_wnd;
hidden int  tmp, tmp2, start, limit, seg_end, text_end_v, win_end, queued_end;
hidden byte need_ack, sent_any, acc, stop, fresh, exp_rt, exp_tw;
hidden byte result;         /* user call result */
#define R_OK 0
#define R_CLOSING 1         /* "error: connection closing" */
#define R_OTHER 2           /* any other error */
/* for observe(): the state before the step and what the step did */
hidden byte was_state[2];
hidden byte was_open[2];
hidden byte timed_out[2];   /* Event::TimedOut raised by that host */
hidden byte seg_to;         /* Effects::segment: the host it was for (2: none) */
hidden byte seg_rst;       /* ... and whether it carried RST */

/* ================================================================== */
/* Endpoint helpers (model/src/endpoint/mod.rs, send.rs)               */
/* All operate on endpoint `me`; segments sent go straight onto the     */
/* network in order, exactly as Tcp::absorb appends out.segments.       */
/* ================================================================== */

/* Segment::len(): SEG.LEN = text + SYN + FIN */
#define SEG_LEN(f, plen) ((plen) + (((f) & SYN) != 0) + (((f) & FIN) != 0))
#define SG_LEN SEG_LEN(sg_flags, sg_plen)

/* Network::send: push a fresh original of age 0 */
inline net_send(F, SQ, AK, W, PL, PD) {
  assert(nq < MAXF);        /* MAXF too small: raise it */
  q[nq].from = me; q[nq].flags = F; q[nq].seq = SQ; q[nq].ack = AK;
  q[nq].wnd = W; q[nq].plen = PL; q[nq].pdata = PD;
  q[nq].age = 0; q[nq].dup = 0;
  nq++
}

/* Endpoint::control: <SEQ=seq><ACK=RCV.NXT if ACK><CTL=flags>, window
 * RCV.WND (0 on a RST), no text; sent at once. */
inline send_control(F, SQ) {
  c_flags = F;
  c_ack = (c_flags & ACK -> rcv_nxt[me] : 0);
  c_wnd = (c_flags & RST -> 0 : rcv_wnd[me]);
  net_send(c_flags, SQ, c_ack, c_wnd, 0, 0)
}

/* Endpoint::ack_now: <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> */
inline ack_now() { send_control(ACK, snd_nxt[me]) }

/* Endpoint::reset_for (send.rs, §3.5.2) for the arriving segment:
 * <SEQ=SEG.ACK><CTL=RST> if it has ACK, else
 * <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>; window 0, no text. */
inline reset_for() {
  if
  :: (sg_flags & ACK) -> net_send(RST, sg_ack, 0, 0, 0, 0)
  :: else -> net_send(RST | ACK, 0, sg_seq + SG_LEN, 0, 0, 0)
  fi
}

/* clear the send buffer (all slots back to 0) */
inline clear_buf() {
  k = 0;
  do
  :: k < SBUF -> sbuf[me].b[k] = 0; k++
  :: else -> break
  od;
  sbuf_len[me] = 0
}

/* Tcb::default(), field by field */
inline tcb_default() {
  iss[me] = 0; irs[me] = 0; snd_una[me] = 0; snd_nxt[me] = 0;
  snd_wnd[me] = 0; max_snd_wnd[me] = 0; snd_wl1[me] = 0; snd_wl2[me] = 0;
  rcv_nxt[me] = 0; rcv_wnd[me] = 0; clear_buf();
  fin_set[me] = 0; snd_fin[me] = 0; passive[me] = 0; retries[me] = 0;
  t_retransmit[me] = 0; t_time_wait[me] = 0
}

/* Endpoint::delete_tcb: enter CLOSED, Tcb::default() */
inline delete_tcb() { ep_state[me] = CLOSED; tcb_default() }

/* Endpoint::back_to_listen: keep ISS and RCV.WND, forget the rest,
 * passive, LISTEN (§3.10.7.4 SYN-RECEIVED) */
inline back_to_listen() {
  tmp = iss[me]; tmp2 = rcv_wnd[me];
  tcb_default();
  iss[me] = tmp; rcv_wnd[me] = tmp2; passive[me] = 1;
  ep_state[me] = LISTEN
}

/* send.rs: buffer_seq() -- first octet of the buffer: ISS+1 while our SYN
 * is unacknowledged, SND.UNA after; text_end() -- SND.FIN if queued, else
 * just past the buffer. */
#define BUFFER_SEQ (snd_una[me] == iss[me] -> iss[me] + 1 : snd_una[me])
#define TEXT_END (fin_set[me] -> snd_fin[me] : BUFFER_SEQ + sbuf_len[me])
/* fin_acked(), fin_sent(), has_unacknowledged() */
#define FIN_ACKED (fin_set[me] && LT(snd_fin[me], snd_una[me]))
#define FIN_SENT  (fin_set[me] && LT(snd_fin[me], snd_nxt[me]))
#define HAS_UNACKNOWLEDGED LT(snd_una[me], snd_nxt[me])

/* send.rs queue_fin(): SND.FIN = text_end() (CLOSE, §3.10.4) */
inline queue_fin() { snd_fin[me] = TEXT_END; fin_set[me] = 1 }

/* send.rs arm_retransmit(): start the retransmission timer if stopped */
inline arm_retransmit() {
  if
  :: t_retransmit[me] == 0 -> t_retransmit[me] = RTO
  :: else
  fi
}

/* send.rs segment_from(seq, limit): the text (and FIN) from SQ up to LIM,
 * at most one MSS, formed into o_* (not sent). */
inline segment_from(SQ, LIM) {
  start = BUFFER_SEQ; text_end_v = TEXT_END;
  seg_end = SQ + MSS;
  if :: LT(LIM, seg_end) -> seg_end = LIM :: else fi;
  if :: LT(text_end_v, seg_end) -> seg_end = text_end_v :: else fi;
  tmp = SQ - start;  if :: tmp < 0 -> tmp = 0 :: else fi;    /* offset */
  o_plen = seg_end - SQ; if :: o_plen < 0 -> o_plen = 0 :: else fi;
  assert(o_plen <= 1 && tmp + o_plen <= sbuf_len[me]);
  o_pdata = (o_plen > 0 -> sbuf[me].b[tmp] : 0);
  o_flags = ((fin_set[me] && seg_end == text_end_v && LT(text_end_v, LIM)) -> ACK | FIN : ACK);
  o_seq = SQ; o_ack = rcv_nxt[me]; o_wnd = rcv_wnd[me]
}

/* send.rs front_segment(), sent: our SYN (SYN,ACK once the peer's SYN is
 * known) while unacknowledged, else the oldest unacknowledged text/FIN. */
inline send_front_segment() {
  if
  :: snd_una[me] == iss[me] ->
     tmp = (ep_state[me] == SYN_SENT -> SYN : SYN | ACK);
     send_control(tmp, iss[me])
  :: else ->
     segment_from(snd_una[me], snd_nxt[me]);
     net_send(o_flags, o_seq, o_ack, o_wnd, o_plen, o_pdata)
  fi
}

/* send.rs transmit(): send what the buffer and the window allow, then the
 * FIN (§3.10.2, §3.10.4); sets sent_any. CLOSE-WAIT -> LAST-ACK once our
 * FIN is out. */
inline transmit() {
  sent_any = 0;
  if
  :: ep_state[me] == ESTABLISHED || ep_state[me] == CLOSE_WAIT ||
     ep_state[me] == FIN_WAIT_1 || ep_state[me] == LAST_ACK ->
     win_end = snd_una[me] + snd_wnd[me];
     queued_end = TEXT_END + fin_set[me];
     limit = (LT(win_end, queued_end) -> win_end : queued_end);
     do
     :: LT(snd_nxt[me], limit) ->
        segment_from(snd_nxt[me], limit);
        if
        :: SEG_LEN(o_flags, o_plen) == 0 -> break
        :: else
        fi;
        snd_nxt[me] = o_seq + SEG_LEN(o_flags, o_plen);
        net_send(o_flags, o_seq, o_ack, o_wnd, o_plen, o_pdata);
        sent_any = 1
     :: else -> break
     od;
     if
     :: sent_any ->
        arm_retransmit();
        if
        :: ep_state[me] == CLOSE_WAIT && FIN_SENT -> ep_state[me] = LAST_ACK
        :: else
        fi
     :: else
     fi
  :: else
  fi
}

/* ================================================================== */
/* SEGMENT ARRIVES (model/src/endpoint/arrive.rs, §3.10.7)             */
/* The segment is in sg_*; `me` receives it.                           */
/* ================================================================== */

/* acknowledged(ack): SND.UNA advances; drop acknowledged text; restart or
 * stop the retransmission timer (RFC 6298 §5.2, §5.3). */
inline acknowledged(A) {
  start = BUFFER_SEQ;
  tmp = A - start;
  if :: tmp < 0 -> tmp = 0 :: tmp > sbuf_len[me] -> tmp = sbuf_len[me] :: else fi;
  /* drain ..tmp: shift down, zero the freed slots */
  k = 0;
  do
  :: k + tmp < sbuf_len[me] -> sbuf[me].b[k] = sbuf[me].b[k + tmp]; k++
  :: else -> break
  od;
  do
  :: k < sbuf_len[me] -> sbuf[me].b[k] = 0; k++
  :: else -> break
  od;
  sbuf_len[me] = sbuf_len[me] - tmp;
  snd_una[me] = A;
  retries[me] = 0;
  t_retransmit[me] = (HAS_UNACKNOWLEDGED -> RTO : 0)
}

/* learn_window(): the window of the arriving segment */
inline learn_window() {
  snd_wnd[me] = sg_wnd;
  if :: sg_wnd > max_snd_wnd[me] -> max_snd_wnd[me] = sg_wnd :: else fi;
  snd_wl1[me] = sg_seq; snd_wl2[me] = sg_ack
}

/* update_window(force): the SND.WL1/SND.WL2 test of §3.10.7.4 fifth step */
inline update_window(FORCE) {
  if
  :: FORCE || LT(snd_wl1[me], sg_seq) ||
     (snd_wl1[me] == sg_seq && LE(snd_wl2[me], sg_ack)) -> learn_window()
  :: else
  fi
}

/* enter_time_wait(): TIME-WAIT, 2MSL timer on, others off */
inline enter_time_wait() {
  ep_state[me] = TIME_WAIT;
  t_retransmit[me] = 0;
  t_time_wait[me] = TIME_WAIT_LEN
}

/* finish(need_ack): send what became sendable, else the ACK owed.
 * (A zero-length TIME-WAIT is not this configuration.) */
inline finish() {
  transmit();
  if :: need_ack && !sent_any -> ack_now() :: else fi
}

/* Tcp::absorb, out.delivered: each octet checked against what the peer
 * sent on this connection (app.rs octet()). */
inline deliver_octet(B) {
  tmp2 = (app_opens[me] > 0 -> app_opens[me] - 1 : 0);
  if
  :: B == OCTET(peer, tmp2, app_received[me]) -> app_received[me]++
  :: else -> app_corrupted[me] = 1
  fi
}

/* text_and_fin(): §3.10.7.4 seventh (text) and eighth (FIN) steps, on a
 * segment trimmed to start at or after RCV.NXT; sets need_ack. */
inline text_and_fin() {
  if
  :: sg_seq != rcv_nxt[me] ->
     /* in the window, not at its left edge: not held, ACK RCV.NXT */
     if :: SG_LEN != 0 -> need_ack = 1 :: else fi
  :: else ->
     stop = 0;
     /* Seventh, the text */
     if
     :: sg_plen > 0 ->
        if
        :: ep_state[me] == ESTABLISHED || ep_state[me] == FIN_WAIT_1 ||
           ep_state[me] == FIN_WAIT_2 ->
           tmp = (sg_plen < rcv_wnd[me] -> sg_plen : rcv_wnd[me]);  /* take */
           if :: tmp > 0 -> deliver_octet(sg_pdata) :: else fi;     /* plen <= 1 */
           rcv_nxt[me] = rcv_nxt[me] + tmp;
           need_ack = 1;
           if :: tmp < sg_plen -> stop = 1 :: else fi
        :: else -> stop = 1     /* "Ignore the segment text." */
        fi
     :: else
     fi;
     /* Eighth, the FIN */
     if
     :: !stop && (sg_flags & FIN) ->
        app_eof[me] = 1;                  /* Event::Closing -> app.eof */
        rcv_nxt[me] = rcv_nxt[me] + 1;
        need_ack = 1;
        if
        :: ep_state[me] == SYN_RECEIVED || ep_state[me] == ESTABLISHED ->
           ep_state[me] = CLOSE_WAIT
        :: ep_state[me] == FIN_WAIT_1 ->
           if
           :: FIN_ACKED -> enter_time_wait()
           :: else -> ep_state[me] = CLOSING
           fi
        :: ep_state[me] == FIN_WAIT_2 -> enter_time_wait()
        :: ep_state[me] == TIME_WAIT -> t_time_wait[me] = TIME_WAIT_LEN
        :: else
        fi
     :: else
     fi
  fi
}

/* §3.10.7.1 CLOSED: anything but a RST is answered with a RST */
inline arrive_closed() {
  if :: !(sg_flags & RST) -> reset_for() :: else fi
}

/* §3.10.7.2 LISTEN */
inline arrive_listen() {
  if
  :: (sg_flags & RST) -> skip                       /* first: ignore RST */
  :: !(sg_flags & RST) && (sg_flags & ACK) -> reset_for()   /* second */
  :: !(sg_flags & RST) && !(sg_flags & ACK) && (sg_flags & SYN) ->
     /* third: SYN */
     irs[me] = sg_seq;
     rcv_nxt[me] = sg_seq + 1;
     snd_una[me] = iss[me];
     snd_nxt[me] = iss[me] + 1;
     learn_window();
     ep_state[me] = SYN_RECEIVED;
     send_control(SYN | ACK, iss[me]);
     arm_retransmit()
  :: else -> skip                                   /* fourth: drop */
  fi
}

/* §3.10.7.3 SYN-SENT */
inline arrive_syn_sent() {
  if
  :: (sg_flags & ACK) && (LE(sg_ack, iss[me]) || GT(sg_ack, snd_nxt[me])) ->
     /* first: unacceptable ACK -> RST (unless RST) */
     if :: !(sg_flags & RST) -> reset_for() :: else fi
  :: else ->
     if
     :: (sg_flags & RST) ->
        /* second: RST with an acceptable ACK -> "connection reset", CLOSED */
        if :: (sg_flags & ACK) -> delete_tcb() :: else fi
     :: !(sg_flags & RST) && !(sg_flags & SYN) -> skip   /* fifth: drop */
     :: else ->
        /* fourth: SYN */
        irs[me] = sg_seq;
        rcv_nxt[me] = sg_seq + 1;
        learn_window();
        if :: (sg_flags & ACK) -> acknowledged(sg_ack) :: else fi;
        if
        :: GT(snd_una[me], iss[me]) ->
           ep_state[me] = ESTABLISHED;
           /* the rest of the segment (SYN dropped, seq+1) goes to the
              sixth step of §3.10.7.4 */
           sg_flags = sg_flags & ~SYN;
           sg_seq = sg_seq + 1;
           need_ack = 1;
           text_and_fin();
           finish()
        :: else ->
           ep_state[me] = SYN_RECEIVED;       /* simultaneous open */
           send_control(SYN | ACK, iss[me])
        fi
     fi
  fi
}

/* acceptable(): Table 6 (§3.10.7.4 first step) -> acc */
inline acceptable() {
  tmp = rcv_nxt[me] + rcv_wnd[me];   /* right edge */
  if
  :: SG_LEN == 0 && rcv_wnd[me] == 0 -> acc = (sg_seq == rcv_nxt[me])
  :: SG_LEN == 0 && rcv_wnd[me] != 0 -> acc = IN_WINDOW(sg_seq, rcv_nxt[me], tmp)
  :: SG_LEN != 0 && rcv_wnd[me] == 0 -> acc = 0
  :: else -> acc = (IN_WINDOW(sg_seq, rcv_nxt[me], tmp) ||
                    IN_WINDOW(sg_seq + SG_LEN - 1, rcv_nxt[me], tmp))
  fi
}

/* trim(): drop the SYN and text below RCV.NXT */
inline trim() {
  tmp = rcv_nxt[me] - sg_seq;     /* old */
  if
  :: tmp > 0 && (sg_flags & SYN) ->
     sg_flags = sg_flags & ~SYN; sg_seq = sg_seq + 1; tmp--
  :: else
  fi;
  if
  :: tmp > 0 ->
     tmp = (tmp < sg_plen -> tmp : sg_plen);   /* cut */
     sg_plen = sg_plen - tmp;
     if :: sg_plen == 0 -> sg_pdata = 0 :: else fi;   /* plen <= 1 */
     sg_seq = sg_seq + tmp
  :: else
  fi
}

/* §3.10.7.4 fifth step onwards: the ACK field, then ESTABLISHED
 * processing shared by the synchronized states, then text and FIN. */
inline arrive_ack_field() {
  tmp = snd_una[me] - max_snd_wnd[me];   /* RFC 5961 §5 lower bound */
  if
  :: !(LE(tmp, sg_ack) && LE(sg_ack, snd_nxt[me])) -> ack_now()
  :: else ->
     stop = 0;
     if
     :: ep_state[me] == SYN_RECEIVED ->
        if
        :: LT(snd_una[me], sg_ack) && LE(sg_ack, snd_nxt[me]) ->
           /* ESTABLISHED (or FIN-WAIT-1 if CLOSE was queued) */
           ep_state[me] = (fin_set[me] -> FIN_WAIT_1 : ESTABLISHED);
           update_window(1)
        :: else -> reset_for(); stop = 1
        fi
     :: else
     fi;
     if
     :: !stop && GT(sg_ack, snd_nxt[me]) -> ack_now(); stop = 1
     :: else
     fi;
     if
     :: !stop ->
        if :: LT(snd_una[me], sg_ack) -> acknowledged(sg_ack) :: else fi;
        if :: LE(snd_una[me], sg_ack) -> update_window(0) :: else fi;
        if
        :: ep_state[me] == FIN_WAIT_1 && FIN_ACKED -> ep_state[me] = FIN_WAIT_2
        :: ep_state[me] == CLOSING ->
           if
           :: FIN_ACKED -> enter_time_wait(); need_ack = 0; finish()
           :: else
           fi;
           stop = 1
        :: ep_state[me] == LAST_ACK ->
           if :: FIN_ACKED -> delete_tcb() :: else fi;
           stop = 1
        :: else
        fi;
        if
        :: !stop -> need_ack = 0; text_and_fin(); finish()
        :: else
        fi
     :: else
     fi
  fi
}

/* §3.10.7.4: SYN-RECEIVED and the synchronized states */
inline arrive_other() {
  acceptable();
  if
  :: !acc ->
     /* first, sequence number */
     if
     :: ep_state[me] == TIME_WAIT && (sg_flags & FIN) && !(sg_flags & RST) &&
        sg_seq + SG_LEN == rcv_nxt[me] ->
        /* a retransmission of the remote FIN: ACK it, restart 2MSL */
        ack_now();
        t_time_wait[me] = TIME_WAIT_LEN
     :: else ->
        if :: !(sg_flags & RST) -> ack_now() :: else fi
     fi
  :: else ->
     if
     :: (sg_flags & RST) ->
        /* second, RST: RFC 5961 challenge unless exactly at RCV.NXT */
        if
        :: sg_seq != rcv_nxt[me] -> ack_now()
        :: else ->
           if
           :: ep_state[me] == SYN_RECEIVED && passive[me] -> back_to_listen()
           :: else -> delete_tcb()
              /* SYN-RECEIVED active: "refused"; ESTABLISHED, FIN-WAIT-1/2,
                 CLOSE-WAIT: "reset"; CLOSING, LAST-ACK, TIME-WAIT: CLOSED
                 (RFC 1337 off). The events feed no observation. */
           fi
        fi
     :: else ->
        /* third: security, not modelled; keepalive_heard is a no-op */
        trim();
        if
        :: (sg_flags & SYN) ->
           /* fourth, SYN in the window */
           if
           :: ep_state[me] == SYN_RECEIVED && passive[me] -> back_to_listen()
           :: else -> ack_now()        /* RFC 5961 §4 challenge ACK */
           fi
        :: !(sg_flags & SYN) && !(sg_flags & ACK) -> skip  /* fifth: no ACK */
        :: else -> arrive_ack_field()
        fi
     fi
  fi
}

/* Endpoint::segment_arrives: dispatch on the state */
inline segment_arrives() {
  if
  :: ep_state[me] == CLOSED -> arrive_closed()
  :: ep_state[me] == LISTEN -> arrive_listen()
  :: ep_state[me] == SYN_SENT -> arrive_syn_sent()
  :: else -> arrive_other()
  fi
}

/* ================================================================== */
/* Time (model/src/endpoint/timers.rs, §3.10.8)                        */
/* ================================================================== */

/* retransmission_timeout(): resend the front of the queue, or give up
 * after MAX_RETRIES (§3.8.3 R2): a listener's embryonic connection goes
 * back to LISTEN, anything else is deleted with Event::TimedOut. */
inline retransmission_timeout() {
  if
  :: retries[me] >= MAX_RETRIES ->
     if
     :: ep_state[me] == SYN_RECEIVED && passive[me] -> back_to_listen()
     :: else -> timed_out[me] = 1; delete_tcb()
     fi
  :: else ->
     retries[me]++;
     send_front_segment();
     t_retransmit[me] = RTO
  fi
}

/* Endpoint::advance(cfg, 1): one tick; every running timer counts down,
 * then fire() handles those that reached 0 (TIME-WAIT first). */
inline advance() {
  if
  :: t_retransmit[me] > 0 || t_time_wait[me] > 0 ->
     exp_rt = 0; exp_tw = 0;
     if :: t_retransmit[me] > 0 -> t_retransmit[me]--; exp_rt = (t_retransmit[me] == 0) :: else fi;
     if :: t_time_wait[me] > 0 -> t_time_wait[me]--; exp_tw = (t_time_wait[me] == 0) :: else fi;
     if
     :: exp_tw && ep_state[me] == TIME_WAIT -> delete_tcb()   /* §3.10.8 */
     :: else ->
        if :: exp_rt -> retransmission_timeout() :: else fi
        /* keep-alive: off in this scenario */
     fi
  :: else
  fi
}

/* ================================================================== */
/* The network (model/src/model/network.rs)                            */
/* ================================================================== */

/* copy slot S into slot D */
inline copy_flight(D, S) {
  q[D].from = q[S].from; q[D].flags = q[S].flags; q[D].seq = q[S].seq;
  q[D].ack = q[S].ack; q[D].wnd = q[S].wnd; q[D].plen = q[S].plen;
  q[D].pdata = q[S].pdata; q[D].age = q[S].age; q[D].dup = q[S].dup
}

/* zero slot S */
inline zero_flight(S) {
  q[S].from = 0; q[S].flags = 0; q[S].seq = 0; q[S].ack = 0; q[S].wnd = 0;
  q[S].plen = 0; q[S].pdata = 0; q[S].age = 0; q[S].dup = 0
}

/* Vec::remove(I): shift the younger ones down, zero the last slot */
inline remove_flight(I) {
  j = I;
  do
  :: j + 1 < nq -> copy_flight(j, j + 1); j++
  :: else -> break
  od;
  nq--;
  zero_flight(nq)
}

/* Network::age(msl): everyone ages a tick; those reaching MSL die (only
 * duplicates can: Tick is not enabled while an original would). */
inline net_age() {
  k = 0;
  do
  :: k < nq -> q[k].age++; k++
  :: else -> break
  od;
  j = 0; k = 0;          /* retain(age < MSL), in order */
  do
  :: k < nq ->
     if
     :: q[k].age < MSL ->
        if :: j != k -> copy_flight(j, k) :: else fi;
        j++
     :: else
     fi;
     k++
  :: else -> break
  od;
  k = j;
  do
  :: k < nq -> zero_flight(k); k++
  :: else -> break
  od;
  nq = j
}

/* Network::is_reordering(i): an older original of the same direction is
 * still in flight (a duplicate is never a reordering). EARLIER<i>(d): an
 * original from d among slots 0..i-1. */
#define ORIG(i, d) (q[i].from == (d) && !q[i].dup)
#define EARLIER0(d)  false
#define EARLIER1(d)  (EARLIER0(d)  || ORIG(0, d))
#define EARLIER2(d)  (EARLIER1(d)  || ORIG(1, d))
#define EARLIER3(d)  (EARLIER2(d)  || ORIG(2, d))
#define EARLIER4(d)  (EARLIER3(d)  || ORIG(3, d))
#define EARLIER5(d)  (EARLIER4(d)  || ORIG(4, d))
#define EARLIER6(d)  (EARLIER5(d)  || ORIG(5, d))
#define EARLIER7(d)  (EARLIER6(d)  || ORIG(6, d))
#define EARLIER8(d)  (EARLIER7(d)  || ORIG(7, d))
#define EARLIER9(d)  (EARLIER8(d)  || ORIG(8, d))
#define EARLIER10(d) (EARLIER9(d)  || ORIG(9, d))
#define EARLIER11(d) (EARLIER10(d) || ORIG(10, d))
#define EARLIER12(d) (EARLIER11(d) || ORIG(11, d))
#define EARLIER13(d) (EARLIER12(d) || ORIG(12, d))
#define EARLIER14(d) (EARLIER13(d) || ORIG(13, d))
#define EARLIER15(d) (EARLIER14(d) || ORIG(14, d))
/* for guards, with a literal slot number (deliver() recomputes it by a loop) */
#define IS_REORDERING(i) (!q[i].dup && EARLIER##i(q[i].from))
/* Tcp::enabled: delivering i is allowed if in order or a reorder is left */
#define IN_ORDER(i) (reorders_left > 0 || !IS_REORDERING(i))

/* Network::time_may_pass: no original would reach MSL. Unused slots are
 * all 0 (age 0 < MSL-1 as MSL >= 2), so testing every slot is exact. */
#define AGE_OK(i) (q[i].dup || q[i].age + 1 < MSL)
#define ALL_AGE_OK1  AGE_OK(0)
#define ALL_AGE_OK2  (ALL_AGE_OK1  && AGE_OK(1))
#define ALL_AGE_OK3  (ALL_AGE_OK2  && AGE_OK(2))
#define ALL_AGE_OK4  (ALL_AGE_OK3  && AGE_OK(3))
#define ALL_AGE_OK5  (ALL_AGE_OK4  && AGE_OK(4))
#define ALL_AGE_OK6  (ALL_AGE_OK5  && AGE_OK(5))
#define ALL_AGE_OK7  (ALL_AGE_OK6  && AGE_OK(6))
#define ALL_AGE_OK8  (ALL_AGE_OK7  && AGE_OK(7))
#define ALL_AGE_OK9  (ALL_AGE_OK8  && AGE_OK(8))
#define ALL_AGE_OK10 (ALL_AGE_OK9  && AGE_OK(9))
#define ALL_AGE_OK11 (ALL_AGE_OK10 && AGE_OK(10))
#define ALL_AGE_OK12 (ALL_AGE_OK11 && AGE_OK(11))
#define ALL_AGE_OK13 (ALL_AGE_OK12 && AGE_OK(12))
#define ALL_AGE_OK14 (ALL_AGE_OK13 && AGE_OK(13))
#define ALL_AGE_OK15 (ALL_AGE_OK14 && AGE_OK(14))
#define ALL_AGE_OK16 (ALL_AGE_OK15 && AGE_OK(15))
#define CAT(a, b) a##b
#define XCAT(a, b) CAT(a, b)
#define TIME_MAY_PASS XCAT(ALL_AGE_OK, MAXF)

/* Tcp::may_tick: some timer runs (next_timeout) or something is in
 * flight, and time may pass */
#define MAY_TICK ((t_retransmit[0] > 0 || t_time_wait[0] > 0 || \
                   t_retransmit[1] > 0 || t_time_wait[1] > 0 || nq > 0) && \
                  TIME_MAY_PASS)

/* ---- DUMP mode: every state reached, in the canonical text form of
 * model/examples/dump.rs (for diffing the two state sets) ---- */
#ifdef DUMP
c_code {
  FILE *dump_file;
  void dump_state(void) {
    int h, i;
    if (!dump_file) dump_file = fopen("states.txt", "w");
    for (h = 0; h < 2; h++) {
      fprintf(dump_file, "E%d %d %d %d %d %d %d %d %d %d %d b%d[",
        now.ep_state[h], now.iss[h], now.irs[h], now.snd_una[h], now.snd_nxt[h],
        now.snd_wnd[h], now.max_snd_wnd[h], now.snd_wl1[h], now.snd_wl2[h],
        now.rcv_nxt[h], now.rcv_wnd[h], now.sbuf_len[h]);
      for (i = 0; i < now.sbuf_len[h]; i++)
        fprintf(dump_file, i ? ",%d" : "%d", now.sbuf[h].b[i]);
      fprintf(dump_file, "] f%d,%d p%d r%d t%d,%d A%d %d %d %d %d%d%d%d%d%d ",
        now.fin_set[h], now.snd_fin[h], now.passive[h], now.retries[h],
        now.t_retransmit[h], now.t_time_wait[h], now.app_pc[h], now.app_opens[h],
        now.app_sent[h], now.app_received[h], now.app_eof[h],
        now.app_active_closer[h], now.app_corrupted[h], now.app_unrequested[h],
        now.app_connect_timed_out[h], now.app_last_ack_reset[h]);
    }
    fprintf(dump_file, "N%d %d %d %d", now.losses_left, now.duplicates_left,
      now.reorders_left, now.nq);
    for (i = 0; i < now.nq; i++)
      fprintf(dump_file, " [%d %d %d %d %d %d:%d %d %d]", now.q[i].from,
        now.q[i].flags, now.q[i].seq, now.q[i].ack, now.q[i].wnd,
        now.q[i].plen, now.q[i].pdata, now.q[i].age, now.q[i].dup);
    fprintf(dump_file, "\n");
  }
}
/* dumped before and after every step: the initial state is included */
#define DUMP_STATE c_code { dump_state(); }
#else
#define DUMP_STATE skip
#endif

/* ================================================================== */
/* observe() (system.rs): what the applications record about a step     */
/* ================================================================== */

/* open: synchronized, with our SYN acknowledged */
#define OPEN(host) (SYNCHRONIZED(ep_state[host]) && snd_una[host] != iss[host])

/* before the step */
inline before_step() {
  DUMP_STATE;
  /* SPIN leaves variables that are written but never read out of the state
     vector (unless spin -o2). Only synack's properties read these flags, so
     read them here: they are part of synack's state and must be of ours. */
  tmp = app_active_closer[0] + app_active_closer[1] + app_corrupted[0] +
        app_corrupted[1] + app_unrequested[0] + app_unrequested[1] +
        app_connect_timed_out[0] + app_connect_timed_out[1] +
        app_last_ack_reset[0] + app_last_ack_reset[1];
  was_state[0] = ep_state[0]; was_state[1] = ep_state[1];
  was_open[0] = OPEN(0); was_open[1] = OPEN(1);
  timed_out[0] = 0; timed_out[1] = 0;
  seg_to = 2; seg_rst = 0
}

/* after the step, for host H */
inline observe_host(H) {
  /* O6: our connection opens but the peer has no such connection */
  if
  :: !was_open[H] && OPEN(H) ->
     if
     :: !(ep_state[1 - H] >= SYN_SENT && ep_state[1 - H] <= LAST_ACK &&
          iss[1 - H] == irs[H]) -> app_unrequested[H] = 1
     :: else
     fi
  :: else
  fi;
  /* O5, O7: an OPEN timed out before the connection was synchronized */
  if
  :: timed_out[H] && (was_state[H] == SYN_SENT || was_state[H] == SYN_RECEIVED) ->
     app_connect_timed_out[H] = 1
  :: else
  fi;
  /* C7a: LAST-ACK left by a RST */
  if
  :: seg_to == H && seg_rst && was_state[H] == LAST_ACK && ep_state[H] == CLOSED ->
     app_last_ack_reset[H] = 1
  :: else
  fi
}

#define AFTER_STEP observe_host(0); observe_host(1); DUMP_STATE

/* ================================================================== */
/* The actions (system.rs Tcp::step)                                    */
/* ================================================================== */

/* Step::ready (app.rs): waiting steps wait; Tcp::ready_step */
#define READY(host) (app_pc[host] < SCRIPT_LEN(host) && \
   (STEP(host) == S_AWAIT_EST -> \
      (ep_state[host] == CLOSED || SYNCHRONIZED(ep_state[host])) : \
   (STEP(host) == S_AWAIT_EOF -> \
      (ep_state[host] == CLOSED || app_eof[host]) : 1)))

/* Tcp::app_step: the host's next script step as a user call
 * (endpoint/user.rs, §3.10.1-3.10.4) */
inline app_step(H) {
  me = H; peer = 1 - H;
  before_step();
  tmp = STEP(me);
  app_pc[me]++;
  result = R_OK;
  if
  :: tmp == S_LISTEN || tmp == S_CONNECT ->
     /* OPEN (§3.10.1); a fresh one from CLOSED is a new connection */
     fresh = (ep_state[me] == CLOSED);
     tmp2 = ISN_BASE(me) + (app_opens[me] - !fresh) * ISN_STEP;   /* iss() */
     if
     :: tmp == S_LISTEN && ep_state[me] == CLOSED ->
        tcb_default();
        iss[me] = tmp2; passive[me] = 1; rcv_wnd[me] = RCV_WND;
        ep_state[me] = LISTEN
     :: tmp == S_CONNECT && (ep_state[me] == CLOSED || ep_state[me] == LISTEN) ->
        tcb_default();
        iss[me] = tmp2; snd_una[me] = tmp2; snd_nxt[me] = tmp2 + 1;
        rcv_wnd[me] = RCV_WND;
        ep_state[me] = SYN_SENT;
        send_control(SYN, iss[me]);
        arm_retransmit()
     :: else -> result = R_OTHER       /* connection already exists */
     fi;
     if
     :: result == R_OK && fresh ->     /* App::new_connection */
        app_opens[me]++; app_sent[me] = 0; app_received[me] = 0;
        app_eof[me] = 0; app_active_closer[me] = 0
     :: else
     fi
  :: tmp == S_SEND1 ->
     /* SEND (§3.10.2) of one octet */
     if
     :: ep_state[me] == CLOSED || ep_state[me] == LISTEN -> result = R_OTHER
     :: ep_state[me] >= FIN_WAIT_1 && ep_state[me] != CLOSE_WAIT -> result = R_CLOSING
     :: else ->
        /* SYN-SENT, SYN-RECEIVED: queue; ESTABLISHED, CLOSE-WAIT: queue
           and transmit. queue(): no text after a queued FIN. */
        if
        :: fin_set[me] -> result = R_CLOSING
        :: else ->
           assert(sbuf_len[me] < SBUF);
           sbuf[me].b[sbuf_len[me]] =
             OCTET(me, (app_opens[me] > 0 -> app_opens[me] - 1 : 0), app_sent[me]);
           sbuf_len[me]++;
           if
           :: ep_state[me] == ESTABLISHED || ep_state[me] == CLOSE_WAIT -> transmit()
           :: else
           fi
        fi
     fi;
     /* handed-over octets count as sent, even if refused as "closing" */
     if :: result != R_OTHER -> app_sent[me] = app_sent[me] + 1 :: else fi
  :: tmp == S_CLOSE ->
     /* CLOSE (§3.10.4) */
     if
     :: ep_state[me] == LISTEN || ep_state[me] == SYN_SENT -> delete_tcb()
     :: ep_state[me] == SYN_RECEIVED ->
        queue_fin();
        if
        :: sbuf_len[me] == 0 -> ep_state[me] = FIN_WAIT_1; transmit()
        :: else
        fi
     :: ep_state[me] == ESTABLISHED ->
        queue_fin(); ep_state[me] = FIN_WAIT_1; transmit()
     :: ep_state[me] == CLOSE_WAIT ->
        if
        :: fin_set[me] -> result = R_CLOSING
        :: else -> queue_fin(); transmit()
        fi
     :: else -> result = R_OTHER    /* CLOSED: does not exist; others: closing */
     fi;
     if :: result == R_OK && !app_eof[me] -> app_active_closer[me] = 1 :: else fi
  :: else -> skip                  /* Await*: no call */
  fi;
  AFTER_STEP
}

/* Deliver(I) and Duplicate(I) (DUP = 1), first half: take the segment at
 * slot I off the network (Duplicate leaves it there, now a duplicate) into
 * sg_*. The second half, arrive(), is the same for every slot. */
inline take(I, DUP) {
  before_step();
  /* Network::is_reordering(I), on the state before the step */
  tmp = 0; j = 0;
  do
  :: j < I ->
     if :: q[j].from == q[I].from && !q[j].dup -> tmp = 1 :: else fi;
     j++
  :: else -> break
  od;
  if :: tmp && !q[I].dup -> reorders_left-- :: else fi;
  sg_flags = q[I].flags; sg_seq = q[I].seq; sg_ack = q[I].ack;
  sg_wnd = q[I].wnd; sg_plen = q[I].plen; sg_pdata = q[I].pdata;
  peer = q[I].from; me = 1 - peer;
  if
  :: DUP -> duplicates_left--; q[I].dup = 1
  :: else -> remove_flight(I)
  fi;
  seg_to = me; seg_rst = ((sg_flags & RST) != 0)
}

/* ... second half: the segment arrives at `me` (never crashed here) */
inline arrive() {
  segment_arrives();
  AFTER_STEP
}

/* Lose(I): the network drops it, from the loss budget */
inline lose(I) {
  before_step();
  seg_to = 1 - q[I].from; seg_rst = ((q[I].flags & RST) != 0);
  remove_flight(I);
  losses_left--;
  AFTER_STEP
}

/* Tick: segments age, then each host's timers run (host 0 first) */
inline tick() {
  before_step();
  net_age();
  me = 0; peer = 1; advance();
  me = 1; peer = 0; advance();
  AFTER_STEP
}

/* The options of the network for in-flight slot I (Tcp::enabled).
 * TAKE(I): Deliver(I) and Duplicate(I), the first half of the step; they
 * are options of one `if` inside an atomic sequence that ends with the
 * shared second half, arrive(). SPIN stores no state inside an atomic
 * sequence (pan counts those as "atomic steps"), so Deliver(I) is still one
 * stored transition; writing segment_arrives() once instead of once per
 * option and slot makes pan.c six times smaller (gcc -O2: ~7 s, not ~45 s).
 * LOSE(I): Lose(I), a plain d_step. */
#define TAKE(I) \
  :: d_step { I < nq && IN_ORDER(I) -> take(I, 0) } \
  :: d_step { I < nq && IN_ORDER(I) && duplicates_left > 0 && !q[I].dup -> take(I, 1) }
#define LOSE(I) \
  :: d_step { I < nq && losses_left > 0 && !q[I].dup -> lose(I) }

active proctype tcp()
{
end:
  do
  /* App(0), App(1) */
  :: d_step { READY(0) -> app_step(0) }
  :: d_step { READY(1) -> app_step(1) }
  /* Deliver(i), Duplicate(i) */
  :: atomic {
       if
       TAKE(0)
#if MAXF > 1
       TAKE(1)
#endif
#if MAXF > 2
       TAKE(2)
#endif
#if MAXF > 3
       TAKE(3)
#endif
#if MAXF > 4
       TAKE(4)
#endif
#if MAXF > 5
       TAKE(5)
#endif
#if MAXF > 6
       TAKE(6)
#endif
#if MAXF > 7
       TAKE(7)
#endif
#if MAXF > 8
       TAKE(8)
#endif
#if MAXF > 9
       TAKE(9)
#endif
#if MAXF > 10
       TAKE(10)
#endif
#if MAXF > 11
       TAKE(11)
#endif
#if MAXF > 12
       TAKE(12)
#endif
#if MAXF > 13
       TAKE(13)
#endif
#if MAXF > 14
       TAKE(14)
#endif
#if MAXF > 15
       TAKE(15)
#endif
       fi;
       d_step { arrive() }
     }
  /* Lose(i) */
  LOSE(0)
#if MAXF > 1
  LOSE(1)
#endif
#if MAXF > 2
  LOSE(2)
#endif
#if MAXF > 3
  LOSE(3)
#endif
#if MAXF > 4
  LOSE(4)
#endif
#if MAXF > 5
  LOSE(5)
#endif
#if MAXF > 6
  LOSE(6)
#endif
#if MAXF > 7
  LOSE(7)
#endif
#if MAXF > 8
  LOSE(8)
#endif
#if MAXF > 9
  LOSE(9)
#endif
#if MAXF > 10
  LOSE(10)
#endif
#if MAXF > 11
  LOSE(11)
#endif
#if MAXF > 12
  LOSE(12)
#endif
#if MAXF > 13
  LOSE(13)
#endif
#if MAXF > 14
  LOSE(14)
#endif
#if MAXF > 15
  LOSE(15)
#endif
  /* Tick */
  :: d_step { MAY_TICK -> tick() }
  od
}
