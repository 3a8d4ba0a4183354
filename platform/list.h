/*
 * list — intrusive circular doubly-linked list (header only).
 *
 * Embed a struct list_node in an object, keep a struct list_node as the head, and get
 * the object back with list_entry(). An unlinked node points to itself, so
 * list_linked() tells whether a node is on a list and unlinking twice is harmless.
 */
#ifndef PLATFORM_LIST_H
#define PLATFORM_LIST_H

#include <stdbool.h>
#include <stddef.h>

struct list_node {
    struct list_node *next;
    struct list_node *prev;
};

#define list_entry(node, type, member) ((type *)((char *)(node)-offsetof(type, member)))

/* An empty head, or an unlinked node. */
static inline void list_init(struct list_node *n)
{
    n->next = n;
    n->prev = n;
}

static inline bool list_empty(const struct list_node *head)
{
    return head->next == head;
}

/* True when n is on some list. */
static inline bool list_linked(const struct list_node *n)
{
    return n->next != n;
}

/* Insert n before `at` (at the tail when `at` is the head). */
static inline void list_insert_before(struct list_node *at, struct list_node *n)
{
    n->prev = at->prev;
    n->next = at;
    at->prev->next = n;
    at->prev = n;
}

static inline void list_push_back(struct list_node *head, struct list_node *n)
{
    list_insert_before(head, n);
}

static inline void list_push_front(struct list_node *head, struct list_node *n)
{
    list_insert_before(head->next, n);
}

/* Unlink n (no-op when unlinked); n is left unlinked. */
static inline void list_remove(struct list_node *n)
{
    n->prev->next = n->next;
    n->next->prev = n->prev;
    list_init(n);
}

/* First node or NULL. */
static inline struct list_node *list_first(const struct list_node *head)
{
    return list_empty(head) ? NULL : head->next;
}

/* Iterate; `tmp` allows removing `pos` inside the loop. */
#define list_for_each_safe(pos, tmp, head)                           \
    for ((pos) = (head)->next, (tmp) = (pos)->next; (pos) != (head); \
         (pos) = (tmp), (tmp) = (pos)->next)

#endif
