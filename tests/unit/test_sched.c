/* The scheduler (src/core/sched.c) with a fake module and an injected clock: when collectors
 * poll (first poll, interval, back-off doubling and its cap, reset after success, poll now, the
 * module's fd and next-wake hint), what they hand over (queue bound and order, the config of the
 * poll), deadline overruns, and stopping with a poll that hangs. Time moves only when a test
 * moves it, so every figure asserted is exact. */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/sched.h"

/* ---- the injected clock ------------------------------------------------------------------- */

static _Atomic int64_t fake_now = 1000000;

static int64_t fake_clock(void)
{
        return atomic_load(&fake_now);
}

static void advance(struct sched *s, int64_t ms)
{
        atomic_fetch_add(&fake_now, ms);
        sched_clock_changed(s);
}

/* ---- the fake module ---------------------------------------------------------------------- */

enum poll_mode {
        POLL_OK,
        POLL_FAIL,
        POLL_HANG_UNTIL_RELEASE, /* ignores the cancel fd, like a read stuck in the kernel */
        POLL_HANG_UNTIL_CANCEL,  /* waits on the cancel fd, as runner children do */
};

struct fake_conf {
        int generation;
};

static struct {
        _Atomic int mode;
        _Atomic int init_failures_left;
        _Atomic int polls;
        _Atomic int64_t next_wake_after_ms; /* > 0: poll sets ctx->next_wake_ms = now + this */
        _Atomic int confs_freed;
        _Atomic int events_per_poll; /* what fake_diff reports for each good poll */
        _Atomic int release_fd;      /* written by the test to end a POLL_HANG_UNTIL_RELEASE */
        _Atomic int module_fd;       /* the module's own fd (wait_fd) */
} fake;

static void *fake_conf_new(void)
{
        struct fake_conf *c = calloc(1, sizeof(*c));
        if (c)
                c->generation = 1;
        return c;
}

static void fake_conf_free(void *p)
{
        if (p)
                atomic_fetch_add(&fake.confs_freed, 1);
        free(p);
}

static const struct module_config_ops fake_config = {
    .new_config = fake_conf_new,
    .free_config = fake_conf_free,
};

static int fake_init(struct module_ctx *ctx)
{
        if (atomic_load(&fake.init_failures_left) > 0) {
                atomic_fetch_sub(&fake.init_failures_left, 1);
                return -EIO;
        }
        ctx->wait_fd = fake.module_fd;
        return 0;
}

static int fake_poll(struct module_ctx *ctx, struct snap *snap)
{
        int n = atomic_fetch_add(&fake.polls, 1) + 1;
        const struct fake_conf *conf = ctx->config;
        int *num = malloc(sizeof(*num));
        *num = n;
        snap->data = num;
        snap->free_data = free;
        snprintf(snap->message, sizeof(snap->message), "poll %d conf %d", n,
                 conf ? conf->generation : -1);
        snap->health = SRVH_HEALTH_OK;
        int64_t wake = atomic_load(&fake.next_wake_after_ms);
        if (wake > 0)
                ctx->next_wake_ms = ctx->now_ms() + wake;
        switch (atomic_load(&fake.mode)) {
        case POLL_FAIL:
                snprintf(snap->error_text, sizeof(snap->error_text), "fake failure");
                return -EIO;
        case POLL_HANG_UNTIL_RELEASE: {
                struct pollfd p = {.fd = fake.release_fd, .events = POLLIN};
                while (poll(&p, 1, -1) < 0)
                        ;
                uint64_t v;
                ssize_t r = read(fake.release_fd, &v, sizeof(v));
                (void)r;
                return 0;
        }
        case POLL_HANG_UNTIL_CANCEL: {
                struct pollfd p = {.fd = ctx->cancel_fd, .events = POLLIN};
                while (poll(&p, 1, -1) < 0)
                        ;
                return -ECANCELED;
        }
        default:
                return 0;
        }
}

static int fake_fd_ready(struct module_ctx *ctx)
{
        uint64_t v;
        ssize_t r = read(ctx->wait_fd, &v, sizeof(v));
        return r == (ssize_t)sizeof(v) && v >= 2 ? 1 : 0; /* "2": poll now; "1": nothing to do */
}

/* One event per events_per_poll, value = new poll * 10000 + k, old state = the base poll. */
static int fake_diff(const struct snap *old, const struct snap *new_snap, const void *config,
                     struct event_list *out)
{
        (void)config;
        int from = old ? *(const int *)old->data : 0, to = *(const int *)new_snap->data;
        char base[16];
        snprintf(base, sizeof(base), "%d", from);
        for (int k = 0; k < atomic_load(&fake.events_per_poll); k++) {
                if (event_add(out, 1, SRVH_HEALTH_OK, "fake", "", base, (uint32_t)(to * 10000 + k),
                              "poll %d", to) < 0)
                        return -ENOMEM;
        }
        return 0;
}

static const struct module_ops fake_module = {
    .index = 99,
    .name = "fake",
    .default_interval = 10,
    .default_timeout = 5,
    .config = &fake_config,
    .init = fake_init,
    .poll = fake_poll,
    .fd_ready = fake_fd_ready,
    .diff = fake_diff,
};
static const struct module_ops *const fake_modules[] = {&fake_module};

/* ---- harness ------------------------------------------------------------------------------ */

struct fixture {
        int wake_fd;
        struct sched *s;
        struct module_conf *conf;
};

static int setup(void **state)
{
        struct fixture *f = calloc(1, sizeof(*f));
        atomic_store(&fake.mode, POLL_OK);
        atomic_store(&fake.init_failures_left, 0);
        atomic_store(&fake.polls, 0);
        atomic_store(&fake.next_wake_after_ms, 0);
        atomic_store(&fake.confs_freed, 0);
        atomic_store(&fake.events_per_poll, 1);
        fake.release_fd = eventfd(0, EFD_CLOEXEC);
        fake.module_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
        f->wake_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
        f->s = sched_new(&(struct sched_opts){.wake_fd = f->wake_fd,
                                              .sysroot = "/nonexistent",
                                              .modules = fake_modules,
                                              .n_modules = 1,
                                              .now_ms = fake_clock});
        f->conf = module_conf_new(&fake_module);
        *state = f;
        return f->s && f->conf ? 0 : -1;
}

static int teardown(void **state)
{
        struct fixture *f = *state;
        if (f->s)
                sched_free(f->s);
        module_conf_unref(f->conf);
        close(f->wake_fd);
        close(fake.release_fd);
        close(fake.module_fd);
        free(f);
        return 0;
}

/* The next snapshot the collector hands over; fails after 10 s of real time (a hang guard, not
 * a timing assertion: every wait below ends as soon as the collector acts). */
static struct snap *next_snap(struct fixture *f)
{
        for (int i = 0; i < 100; i++) {
                struct snap *sn = sched_take(f->s, 0);
                if (sn)
                        return sn;
                struct pollfd p = {.fd = f->wake_fd, .events = POLLIN};
                if (poll(&p, 1, 100) > 0) {
                        uint64_t v;
                        ssize_t r = read(f->wake_fd, &v, sizeof(v));
                        (void)r;
                }
        }
        fail_msg("no snapshot within 10 s");
        return NULL;
}

/* No snapshot arrives while the clock stands still (checked over 200 ms of real time). */
static void assert_no_snap(struct fixture *f)
{
        struct pollfd p = {.fd = f->wake_fd, .events = POLLIN};
        (void)poll(&p, 1, 200);
        struct snap *sn = sched_take(f->s, 0);
        if (sn)
                fail_msg("unexpected snapshot: '%s' (error %d)", sn->message, sn->error);
}

/* Wait until the collector has computed its next due time after poll number n. */
static int64_t due_after_poll(struct fixture *f, struct snap *sn)
{
        (void)sn; /* published after next_due is set, so it is set by now */
        return sched_next_due(f->s, 0);
}

static void start(struct fixture *f, unsigned interval, unsigned timeout)
{
        assert_int_equal(sched_start(f->s, 0, interval, timeout, f->conf), 0);
}

/* ---- tests -------------------------------------------------------------------------------- */

static void test_sched_polls_at_start_then_after_one_interval(void **state)
{
        struct fixture *f = *state;
        start(f, 10, 5);
        struct snap *sn = next_snap(f);
        assert_int_equal(sn->error, 0);
        assert_string_equal(sn->message, "poll 1 conf 1");
        assert_int_equal(sn->interval_s, 10);
        assert_int_equal(due_after_poll(f, sn), fake_clock() + 10000);
        snap_free(sn);

        advance(f->s, 9999);
        assert_no_snap(f);
        assert_int_equal(atomic_load(&fake.polls), 1);
        advance(f->s, 1);
        sn = next_snap(f);
        assert_string_equal(sn->message, "poll 2 conf 1");
        snap_free(sn);
}

static void test_sched_backoff_doubles_per_failure_up_to_16_intervals(void **state)
{
        struct fixture *f = *state;
        atomic_store(&fake.mode, POLL_FAIL);
        start(f, 10, 5);
        const unsigned want[] = {20, 40, 80, 160, 160, 160};
        for (size_t k = 0; k < sizeof(want) / sizeof(want[0]); k++) {
                struct snap *sn = next_snap(f);
                assert_int_equal(sn->error, -EIO);
                assert_int_equal(sn->interval_s, want[k]);
                int64_t due = due_after_poll(f, sn);
                assert_int_equal(due - fake_clock(), (int64_t)want[k] * 1000);
                snap_free(sn);
                advance(f->s, due - fake_clock());
        }
}

static void test_sched_success_resets_the_backoff(void **state)
{
        struct fixture *f = *state;
        atomic_store(&fake.mode, POLL_FAIL);
        start(f, 10, 5);
        struct snap *sn = next_snap(f);
        assert_int_equal(sn->interval_s, 20);
        snap_free(sn);
        advance(f->s, 20000);
        sn = next_snap(f);
        assert_int_equal(sn->interval_s, 40);
        snap_free(sn);

        atomic_store(&fake.mode, POLL_OK);
        advance(f->s, 40000);
        sn = next_snap(f);
        assert_int_equal(sn->error, 0);
        assert_int_equal(sn->interval_s, 10);
        assert_int_equal(due_after_poll(f, sn) - fake_clock(), 10000);
        snap_free(sn);
}

static void test_sched_failed_poll_carries_no_rows_and_names_the_cause(void **state)
{
        struct fixture *f = *state;
        atomic_store(&fake.mode, POLL_FAIL);
        start(f, 10, 5);
        struct snap *sn = next_snap(f);
        assert_int_equal(sn->error, -EIO);
        assert_string_equal(sn->error_text, "fake failure");
        assert_null(sn->data);
        assert_int_equal(sn->tables[0].n, 0);
        assert_int_equal(sn->health, SRVH_HEALTH_UNKNOWN);
        assert_false(sn->overrun);
        snap_free(sn);
}

static void test_sched_init_failure_is_reported_and_retried_with_backoff(void **state)
{
        struct fixture *f = *state;
        atomic_store(&fake.init_failures_left, 1);
        start(f, 10, 5);
        struct snap *sn = next_snap(f);
        assert_int_equal(sn->error, -EIO);
        assert_non_null(strstr(sn->error_text, "cannot initialise"));
        assert_int_equal(sn->interval_s, 20);
        snap_free(sn);
        assert_int_equal(atomic_load(&fake.polls), 0);
        advance(f->s, 20000);
        sn = next_snap(f);
        assert_int_equal(sn->error, 0);
        assert_string_equal(sn->message, "poll 1 conf 1");
        snap_free(sn);
}

static void test_sched_poll_now_does_not_wait_for_the_interval(void **state)
{
        struct fixture *f = *state;
        start(f, 3600, 5);
        snap_free(next_snap(f));
        sched_poll_now(f->s, 0);
        struct snap *sn = next_snap(f);
        assert_string_equal(sn->message, "poll 2 conf 1");
        snap_free(sn);
}

static void test_sched_queue_keeps_the_newest_8_in_order_and_counts_drops(void **state)
{
        struct fixture *f = *state;
        start(f, 3600, 5);
        /* Nobody takes snapshots meanwhile: 12 polls, one after the other. */
        for (int k = 1; k <= 12; k++) {
                if (k > 1)
                        sched_poll_now(f->s, 0);
                for (int i = 0; i < 1000 && sched_polls(f->s, 0) < (uint64_t)k; i++)
                        usleep(10000);
                assert_int_equal(sched_polls(f->s, 0), k);
                for (int i = 0; i < 1000 && sched_next_due(f->s, 0) == 0; i++)
                        usleep(10000); /* poll k is over */
        }
        /* The 12th snapshot is in once the 4th drop is counted. */
        for (int i = 0; i < 1000 && sched_dropped(f->s, 0) < 12 - SCHED_QUEUE_MAX; i++)
                usleep(10000);
        usleep(50000);
        assert_int_equal(sched_polls(f->s, 0), 12);
        assert_int_equal(sched_dropped(f->s, 0), 12 - SCHED_QUEUE_MAX);
        for (int k = 12 - SCHED_QUEUE_MAX + 1; k <= 12; k++) {
                struct snap *sn = sched_take(f->s, 0);
                assert_non_null(sn);
                char want[32];
                snprintf(want, sizeof(want), "poll %d conf 1", k);
                assert_string_equal(sn->message, want);
                snap_free(sn);
        }
        assert_null(sched_take(f->s, 0));
}

static void test_sched_new_config_is_used_from_the_next_poll(void **state)
{
        struct fixture *f = *state;
        start(f, 3600, 5);
        struct snap *sn = next_snap(f);
        assert_string_equal(sn->message, "poll 1 conf 1");
        snap_free(sn);

        struct module_conf *c2 = module_conf_new(&fake_module);
        ((struct fake_conf *)module_conf_data(c2))->generation = 2;
        sched_set_config(f->s, 0, c2);
        module_conf_unref(c2); /* the scheduler holds its own reference */
        assert_no_snap(f);     /* a new config alone does not poll */
        sched_poll_now(f->s, 0);
        sn = next_snap(f);
        assert_string_equal(sn->message, "poll 2 conf 2");
        /* the snapshot carries the config it was made with, for the diff */
        assert_int_equal(((const struct fake_conf *)module_conf_get(sn->conf))->generation, 2);
        snap_free(sn);

        /* The first config is still ours (f->conf); the collector let go of it. */
        assert_int_equal(atomic_load(&fake.confs_freed), 0);
        module_conf_unref(f->conf);
        f->conf = NULL;
        assert_int_equal(atomic_load(&fake.confs_freed), 1);
}

static void test_sched_overrun_is_reported_once_while_the_poll_runs(void **state)
{
        struct fixture *f = *state;
        atomic_store(&fake.mode, POLL_HANG_UNTIL_RELEASE);
        start(f, 10, 5);
        while (atomic_load(&fake.polls) == 0)
                usleep(1000);
        advance(f->s, 4999);
        assert_no_snap(f);
        advance(f->s, 1);
        struct snap *sn = next_snap(f);
        assert_int_equal(sn->error, -ETIMEDOUT);
        assert_true(sn->overrun);
        assert_non_null(strstr(sn->error_text, "5 s (pollTimeout)"));
        snap_free(sn);
        advance(f->s, 60000);
        assert_no_snap(f); /* reported once per poll */

        /* The poll ends after all: its result is handed over as usual. */
        atomic_store(&fake.mode, POLL_OK);
        uint64_t one = 1;
        assert_int_equal(write(fake.release_fd, &one, sizeof(one)), sizeof(one));
        sn = next_snap(f);
        assert_int_equal(sn->error, 0);
        assert_false(sn->overrun);
        snap_free(sn);
}

static void test_sched_stop_cancels_a_poll_waiting_on_the_cancel_fd(void **state)
{
        struct fixture *f = *state;
        atomic_store(&fake.mode, POLL_HANG_UNTIL_CANCEL);
        start(f, 10, 5);
        while (atomic_load(&fake.polls) == 0)
                usleep(1000);
        assert_int_equal(sched_free(f->s), 0); /* joined: nothing left behind */
        f->s = NULL;
}

static void test_sched_stop_leaves_a_poll_stuck_in_the_kernel_behind(void **state)
{
        struct fixture *f = *state;
        atomic_store(&fake.mode, POLL_HANG_UNTIL_RELEASE);
        start(f, 10, 5);
        while (atomic_load(&fake.polls) == 0)
                usleep(1000);
        /* The stuck thread keeps the scheduler: it is the process exit that ends both. */
        assert_int_equal(sched_free(f->s), 1);
        f->s = NULL;
        /* Let it finish now so the fixture's fds can close under it safely. */
        uint64_t one = 1;
        assert_int_equal(write(fake.release_fd, &one, sizeof(one)), sizeof(one));
        usleep(100000);
        fake.release_fd = eventfd(0, EFD_CLOEXEC); /* the old one may still be read */
        f->wake_fd = eventfd(0, EFD_CLOEXEC);      /* likewise: never closed */
}

static void test_sched_module_fd_asking_for_a_poll_polls_now(void **state)
{
        struct fixture *f = *state;
        start(f, 3600, 5);
        snap_free(next_snap(f));
        uint64_t v = 1; /* "nothing to do" */
        assert_int_equal(write(fake.module_fd, &v, sizeof(v)), sizeof(v));
        assert_no_snap(f);
        v = 2; /* "poll now" */
        assert_int_equal(write(fake.module_fd, &v, sizeof(v)), sizeof(v));
        struct snap *sn = next_snap(f);
        assert_string_equal(sn->message, "poll 2 conf 1");
        snap_free(sn);
}

static void test_sched_next_wake_hint_polls_before_the_interval(void **state)
{
        struct fixture *f = *state;
        atomic_store(&fake.next_wake_after_ms, 2000);
        start(f, 3600, 5);
        snap_free(next_snap(f));
        advance(f->s, 1999);
        assert_no_snap(f);
        advance(f->s, 1);
        struct snap *sn = next_snap(f);
        assert_string_equal(sn->message, "poll 2 conf 1");
        snap_free(sn);
}

static void test_sched_new_interval_counts_from_the_next_wait(void **state)
{
        struct fixture *f = *state;
        start(f, 10, 5);
        snap_free(next_snap(f));
        sched_set_params(f->s, 0, 30, 5);
        advance(f->s, 10000); /* the wait in progress was computed with 10 s */
        struct snap *sn = next_snap(f);
        assert_int_equal(sn->interval_s, 30);
        assert_int_equal(due_after_poll(f, sn) - fake_clock(), 30000);
        snap_free(sn);
}

static void test_sched_diff_runs_in_the_collector_against_the_last_good_snapshot(void **state)
{
        struct fixture *f = *state;
        start(f, 3600, 5);
        struct snap *sn = next_snap(f);
        assert_int_equal(sn->events.n, 1);
        assert_string_equal(sn->events.v[0].old_state, "0"); /* first poll: no base */
        assert_int_equal(sn->events.v[0].value, 10000);
        assert_int_equal(sn->events.v[0].when, sn->polled_at); /* stamped when observed */
        snap_free(sn);

        atomic_store(&fake.mode, POLL_FAIL);
        sched_poll_now(f->s, 0);
        sn = next_snap(f);
        assert_int_equal(sn->error, -EIO);
        assert_int_equal(sn->events.n, 0); /* a failed poll is not diffed */
        snap_free(sn);

        atomic_store(&fake.mode, POLL_OK);
        sched_poll_now(f->s, 0);
        sn = next_snap(f);
        assert_int_equal(sn->events.n, 1);
        assert_string_equal(sn->events.v[0].old_state, "1"); /* base: the last good poll */
        assert_int_equal(sn->events.v[0].value, 30000);
        snap_free(sn);
}

/* Poll k times with nobody taking snapshots; then wait until the last one is in the queue. */
static void poll_untaken(struct fixture *f, int k)
{
        for (int n = 1; n <= k; n++) {
                if (n > 1)
                        sched_poll_now(f->s, 0);
                for (int i = 0; i < 1000 && sched_polls(f->s, 0) < (uint64_t)n; i++)
                        usleep(10000);
                for (int i = 0; i < 1000 && sched_next_due(f->s, 0) == 0; i++)
                        usleep(10000);
        }
        for (int i = 0; i < 1000 && sched_dropped(f->s, 0) < (uint64_t)(k - SCHED_QUEUE_MAX); i++)
                usleep(10000);
        usleep(50000);
}

static void test_sched_a_dropped_snapshot_hands_its_events_to_the_next(void **state)
{
        struct fixture *f = *state;
        start(f, 3600, 5);
        poll_untaken(f, 12);
        uint32_t want = 1;
        size_t snaps = 0;
        struct snap *sn;
        while ((sn = sched_take(f->s, 0)) != NULL) {
                for (size_t i = 0; i < sn->events.n; i++, want++)
                        assert_int_equal(sn->events.v[i].value, want * 10000);
                assert_int_equal(sn->events_lost, 0);
                snap_free(sn);
                snaps++;
        }
        assert_int_equal(snaps, SCHED_QUEUE_MAX);
        assert_int_equal(want - 1, 12); /* every poll's event, in order */
}

static void test_sched_events_beyond_the_carry_limit_are_counted_as_lost(void **state)
{
        struct fixture *f = *state;
        atomic_store(&fake.events_per_poll, 300);
        start(f, 3600, 5);
        poll_untaken(f, 12);
        uint64_t delivered = 0, lost = 0;
        uint32_t last = 0;
        struct snap *sn;
        while ((sn = sched_take(f->s, 0)) != NULL) {
                for (size_t i = 0; i < sn->events.n; i++) {
                        assert_true(sn->events.v[i].value > last); /* order holds */
                        last = sn->events.v[i].value;
                }
                assert_true(sn->events.n <= SCHED_EVENTS_CARRY_MAX ||
                            sn->events.n == 300); /* an undropped one has its own 300 */
                delivered += sn->events.n;
                lost += sn->events_lost;
                snap_free(sn);
        }
        assert_int_equal(delivered + lost, 12 * 300);
        /* 1+2 carried (900) fit; the 3rd and 4th drops overflow the 1000 kept by 200 and 300 */
        assert_int_equal(lost, 500);
        assert_int_equal(last, 12 * 10000 + 299);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
        const struct CMUnitTest tests[] = {
            T(test_sched_polls_at_start_then_after_one_interval),
            T(test_sched_backoff_doubles_per_failure_up_to_16_intervals),
            T(test_sched_success_resets_the_backoff),
            T(test_sched_failed_poll_carries_no_rows_and_names_the_cause),
            T(test_sched_init_failure_is_reported_and_retried_with_backoff),
            T(test_sched_poll_now_does_not_wait_for_the_interval),
            T(test_sched_queue_keeps_the_newest_8_in_order_and_counts_drops),
            T(test_sched_new_config_is_used_from_the_next_poll),
            T(test_sched_overrun_is_reported_once_while_the_poll_runs),
            T(test_sched_stop_cancels_a_poll_waiting_on_the_cancel_fd),
            T(test_sched_stop_leaves_a_poll_stuck_in_the_kernel_behind),
            T(test_sched_module_fd_asking_for_a_poll_polls_now),
            T(test_sched_next_wake_hint_polls_before_the_interval),
            T(test_sched_new_interval_counts_from_the_next_wait),
            T(test_sched_diff_runs_in_the_collector_against_the_last_good_snapshot),
            T(test_sched_a_dropped_snapshot_hands_its_events_to_the_next),
            T(test_sched_events_beyond_the_carry_limit_are_counted_as_lost),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
