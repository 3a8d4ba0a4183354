/* timewheel — hashed timing wheel (see timewheel.h). */
#include "platform/timewheel.h"

#include "platform/mem.h"

#include <errno.h>

int timewheel_init(struct timewheel *w, uint64_t tick_ms, size_t nslots, uint64_t now_ms)
{
    if (tick_ms == 0 || nslots == 0)
        return -EINVAL;
    w->slots = mem_calloc(nslots, sizeof(*w->slots));
    if (!w->slots)
        return -ENOMEM;
    for (size_t i = 0; i < nslots; i++)
        list_init(&w->slots[i]);
    w->nslots = nslots;
    w->tick_ms = tick_ms;
    w->cur_tick = now_ms / tick_ms;
    w->count = 0;
    return 0;
}

void timewheel_free(struct timewheel *w)
{
    mem_free(w->slots);
    w->slots = NULL;
    w->count = 0;
}

void timewheel_node_init(struct timewheel_node *n)
{
    list_init(&n->link);
    n->deadline = 0;
}

void timewheel_schedule(struct timewheel *w, struct timewheel_node *n, uint64_t deadline_ms)
{
    timewheel_cancel(w, n);
    n->deadline = deadline_ms;
    uint64_t tick = (deadline_ms + w->tick_ms - 1) / w->tick_ms;
    if (tick <= w->cur_tick)
        tick = w->cur_tick + 1;
    list_push_back(&w->slots[tick % w->nslots], &n->link);
    w->count++;
}

void timewheel_cancel(struct timewheel *w, struct timewheel_node *n)
{
    if (!list_linked(&n->link))
        return;
    list_remove(&n->link);
    w->count--;
}

static size_t fire_slot(struct timewheel *w, struct list_node *slot, uint64_t now_ms,
                        void (*cb)(struct timewheel_node *, void *), void *ctx)
{
    /* Move the due nodes to a private list first: cb may schedule into this slot. */
    struct list_node due, *pos, *tmp;
    list_init(&due);
    list_for_each_safe(pos, tmp, slot)
    {
        struct timewheel_node *n = list_entry(pos, struct timewheel_node, link);
        if (n->deadline <= now_ms) {
            list_remove(pos);
            list_push_back(&due, pos);
        }
    }
    size_t fired = 0;
    while (!list_empty(&due)) {
        struct list_node *first = due.next;
        list_remove(first);
        w->count--;
        fired++;
        cb(list_entry(first, struct timewheel_node, link), ctx);
    }
    return fired;
}

size_t timewheel_advance(struct timewheel *w, uint64_t now_ms,
                         void (*cb)(struct timewheel_node *n, void *ctx), void *ctx)
{
    uint64_t now_tick = now_ms / w->tick_ms;
    size_t fired = 0;
    if (now_tick <= w->cur_tick)
        return 0;
    uint64_t steps = now_tick - w->cur_tick;
    if (steps > w->nslots)
        steps = w->nslots; /* a long pause: every slot once covers every node */
    for (uint64_t i = 1; i <= steps; i++)
        fired += fire_slot(w, &w->slots[(w->cur_tick + i) % w->nslots], now_ms, cb, ctx);
    w->cur_tick = now_tick;
    return fired;
}
