/* uvtest — a libuv loop for tests: wait for a condition with a deadline, and close
 * everything at the end (failing the test if a handle was left open). */
#ifndef TESTS_SUPPORT_UVTEST_H
#define TESTS_SUPPORT_UVTEST_H

#include <stdbool.h>
#include <uv.h>

#define UVTEST_DEADLINE_MS 10000

struct uvtest {
    uv_loop_t loop;
    uv_timer_t deadline;
    bool expired;
};

/* Initialise the loop (asserts on failure). */
void uvtest_init(struct uvtest *t);

/* Run the loop until *counter reaches want; fails the test after UVTEST_DEADLINE_MS. */
void uvtest_wait(struct uvtest *t, const int *counter, int want);

/* Close the deadline timer, run the loop until it has no more work, and assert
 * that it closes (every handle of the test was closed). */
void uvtest_close(struct uvtest *t);

#endif
