/*
 * timewheel — a hashed timing wheel for very many coarse timers (keepalives,
 * session expiry, will delays) without a libuv timer per object.
 *
 * Pure: the caller drives it with `now` (ms) from one periodic libuv timer.
 * Nodes are intrusive (embed struct timewheel_node); the wheel allocates only its
 * slot array. Deadlines are rounded up to the tick, so a timer fires at most one
 * tick late and never early. Rescheduling is O(1); for timers that move often
 * (keepalive on every packet), keep the deadline in the object and reschedule
 * lazily when the node fires early, as client.c does.
 */
#ifndef PLATFORM_TIMEWHEEL_H
#define PLATFORM_TIMEWHEEL_H

#include "platform/list.h"

#include <stddef.h>
#include <stdint.h>

struct timewheel_node {
    struct list_node link; /* unlinked when not scheduled */
    uint64_t deadline;     /* ms */
};

struct timewheel {
    struct list_node *slots;
    size_t nslots;
    uint64_t tick_ms;
    uint64_t cur_tick; /* every slot up to this tick has been processed */
    size_t count;
};

/* Set up a wheel of nslots slots of tick_ms each, starting at now_ms.
 * 0 or -ENOMEM. */
int timewheel_init(struct timewheel *w, uint64_t tick_ms, size_t nslots, uint64_t now_ms);

/* Release the slot array; scheduled nodes are simply forgotten (not touched). */
void timewheel_free(struct timewheel *w);

/* An unscheduled node. */
void timewheel_node_init(struct timewheel_node *n);

/* (Re)schedule n to fire at deadline_ms (a deadline in the past fires on the next
 * advance). */
void timewheel_schedule(struct timewheel *w, struct timewheel_node *n, uint64_t deadline_ms);

/* Unschedule n; harmless when it is not scheduled. */
void timewheel_cancel(struct timewheel *w, struct timewheel_node *n);

/* Whether n is scheduled. */
static inline int timewheel_scheduled(const struct timewheel_node *n)
{
    return list_linked(&n->link);
}

/*
 * Fire every node whose deadline is <= now_ms: it is unscheduled, then cb(n, ctx) is
 * called; cb may reschedule n, schedule or cancel others, or free n. Returns the
 * number of nodes fired.
 */
size_t timewheel_advance(struct timewheel *w, uint64_t now_ms,
                         void (*cb)(struct timewheel_node *n, void *ctx), void *ctx);

#endif
