/* uvtest — a libuv loop for tests (see uvtest.h). */
#include "tests/support/test.h"

#include "tests/support/uvtest.h"

static void deadline_cb(uv_timer_t *timer)
{
    struct uvtest *t = timer->data;
    t->expired = true;
}

void uvtest_init(struct uvtest *t)
{
    assert_int_equal(uv_loop_init(&t->loop), 0);
    assert_int_equal(uv_timer_init(&t->loop, &t->deadline), 0);
    t->deadline.data = t;
    t->expired = false;
}

void uvtest_wait(struct uvtest *t, const int *counter, int want)
{
    t->expired = false;
    uv_timer_start(&t->deadline, deadline_cb, UVTEST_DEADLINE_MS, 0);
    while (*counter < want && !t->expired)
        uv_run(&t->loop, UV_RUN_ONCE);
    uv_timer_stop(&t->deadline);
    assert_int_equal(*counter, want);
}

void uvtest_close(struct uvtest *t)
{
    uv_close((uv_handle_t *)&t->deadline, NULL);
    uv_run(&t->loop, UV_RUN_DEFAULT);
    assert_int_equal(uv_loop_close(&t->loop), 0);
}
