/* Collector and watchdog threads (see sched.h). Every wait is poll(2) on eventfds or a condition
 * variable with a deadline from the injectable clock; no sleep loops. Lock order: the watchdog's
 * lock before a collector's lock, never the other way round. */
#include "core/sched.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

struct collector {
        struct sched *sched;
        const struct module_ops *ops;
        struct module_ctx ctx;
        struct module_conf *conf; /* what ctx.config points into; owned by this thread */
        struct snap *last_good;   /* base of the next diff (a reference); this thread's */
        int ctl_fd;               /* eventfd: something below changed, look again */
        pthread_t thread;
        bool running;
        /* Guarded by lock: */
        pthread_mutex_t lock;
        unsigned interval_s, timeout_s;
        struct module_conf *pending_conf; /* handed over at the next poll */
        bool stop, poll_now;
        bool in_poll, overrun_reported;
        int64_t poll_started, next_due;
        unsigned factor; /* current back-off factor */
        uint64_t polls, dropped;
        struct snap *head, *tail; /* unread snapshots, oldest first */
        size_t queued;
};

struct sched {
        int wake_fd, stop_fd;
        const char *sysroot;
        int64_t (*now_ms)(void);
        struct collector *c;
        size_t n;
        /* The watchdog: */
        pthread_t wd_thread;
        bool wd_running;
        pthread_mutex_t wd_lock;
        pthread_cond_t wd_cond;
        bool wd_stop, wd_kick;
        struct sched *next_left; /* schedulers left to a stuck collector (sched_free) */
};

static int64_t real_now_ms(void)
{
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void kick(int fd)
{
        uint64_t one = 1;
        ssize_t r = write(fd, &one, sizeof(one));
        (void)r; /* EAGAIN: the counter is already non-zero, the wake-up is pending */
}

static void drain(int fd)
{
        uint64_t v;
        ssize_t r = read(fd, &v, sizeof(v));
        (void)r;
}

static void publish(struct collector *c, struct snap *s)
{
        struct snap *dropped = NULL;
        pthread_mutex_lock(&c->lock);
        s->next = NULL;
        if (c->tail)
                c->tail->next = s;
        else
                c->head = s;
        c->tail = s;
        if (++c->queued > SCHED_QUEUE_MAX) {
                /* The oldest snapshot's rows are superseded, its events are not: they move to
                 * the next one in the queue, which the SNMP thread will take first. */
                dropped = c->head;
                c->head = dropped->next;
                c->queued--;
                c->dropped++;
                long lost =
                    event_list_prepend(&c->head->events, &dropped->events, SCHED_EVENTS_CARRY_MAX);
                if (lost < 0)
                        lost = (long)dropped->events.n; /* no memory to carry them */
                c->head->events_lost += dropped->events_lost + (uint64_t)lost;
        }
        pthread_mutex_unlock(&c->lock);
        snap_free(dropped);
        kick(c->sched->wake_fd);
}

/* A snapshot that carries only a failure. */
static struct snap *failure_snap(int err, const char *fmt, const char *what)
{
        struct snap *s = snap_new();
        if (!s)
                return NULL;
        s->polled_at = (int64_t)time(NULL);
        s->error = err;
        snprintf(s->error_text, sizeof(s->error_text), fmt, what);
        return s;
}

static unsigned backoff_factor(unsigned failures)
{
        unsigned factor = 1;
        for (unsigned k = 0; k < failures && factor < SCHED_BACKOFF_MAX_FACTOR; k++)
                factor *= 2;
        return factor;
}

static struct snap *poll_once(struct collector *c)
{
        struct sched *sc = c->sched;
        struct snap *s = snap_new();
        if (!s)
                return NULL;
        s->conf = module_conf_ref(c->conf);
        s->polled_at = (int64_t)time(NULL);

        int64_t t0 = sc->now_ms();
        pthread_mutex_lock(&c->lock);
        unsigned timeout_s = c->timeout_s;
        c->ctx.interval_s = c->interval_s * c->factor;
        c->in_poll = true;
        c->overrun_reported = false;
        c->poll_started = t0;
        c->next_due = 0;
        c->polls++;
        pthread_mutex_unlock(&c->lock);
        pthread_mutex_lock(&sc->wd_lock);
        sc->wd_kick = true; /* a new deadline to watch */
        pthread_cond_signal(&sc->wd_cond);
        pthread_mutex_unlock(&sc->wd_lock);

        c->ctx.deadline_ms = t0 + (int64_t)timeout_s * 1000;
        c->ctx.next_wake_ms = 0;
        int r = c->ops->poll(&c->ctx, s);
        int64_t dt = sc->now_ms() - t0;

        pthread_mutex_lock(&c->lock);
        c->in_poll = false;
        pthread_mutex_unlock(&c->lock);

        s->duration_ms = dt < 0 ? 0 : dt > UINT32_MAX ? UINT32_MAX : (uint32_t)dt;
        if (r < 0) {
                /* A failed poll carries no rows: the SNMP thread keeps the last good ones. */
                if (s->free_data)
                        s->free_data(s->data);
                s->data = NULL;
                s->free_data = NULL;
                memset(s->tables, 0, sizeof(s->tables));
                s->error = r;
                if (!s->error_text[0])
                        snprintf(s->error_text, sizeof(s->error_text), "poll failed: %s",
                                 strerror(-r));
                s->health = SRVH_HEALTH_UNKNOWN;
        }
        return s;
}

/* The events between the last good snapshot and s, computed here where the change is observed
 * (so a busy SNMP thread cannot make the collector skip one), stamped with the poll's time. */
static void observe_changes(struct collector *c, struct snap *s)
{
        if (c->ops->diff &&
            c->ops->diff(c->last_good, s, module_conf_get(s->conf), &s->events) < 0) {
                /* Out of memory: what was listed is kept; the rest cannot be told apart. */
                s->events_lost++;
        }
        for (size_t i = 0; i < s->events.n; i++)
                s->events.v[i].when = (time_t)s->polled_at;
        snap_free(c->last_good);
        c->last_good = snap_ref(s);
}

/* Take what the SNMP thread handed over since the last poll. */
static void take_pending(struct collector *c)
{
        pthread_mutex_lock(&c->lock);
        struct module_conf *conf = c->pending_conf;
        c->pending_conf = NULL;
        pthread_mutex_unlock(&c->lock);
        if (!conf)
                return;
        module_conf_unref(c->conf);
        c->conf = conf;
        c->ctx.config = module_conf_get(conf);
}

/* Sleep until the next poll is due (or the module's next-wake hint), a poll-now, a ready module
 * fd that asks for a poll, or stop. Returns false on stop. */
static bool wait_next(struct collector *c)
{
        struct sched *sc = c->sched;
        for (;;) {
                pthread_mutex_lock(&c->lock);
                bool stop = c->stop, now_req = c->poll_now;
                c->poll_now = false;
                int64_t target = c->next_due;
                pthread_mutex_unlock(&c->lock);
                if (stop)
                        return false;
                if (now_req)
                        return true;
                if (c->ctx.next_wake_ms > 0 && c->ctx.next_wake_ms < target)
                        target = c->ctx.next_wake_ms;
                int64_t left = target - sc->now_ms();
                if (left <= 0)
                        return true;

                struct pollfd pfd[3] = {
                    {.fd = c->ctl_fd, .events = POLLIN},
                    {.fd = sc->stop_fd, .events = POLLIN},
                    {.fd = c->ctx.wait_fd, .events = POLLIN},
                };
                nfds_t n = c->ctx.wait_fd >= 0 ? 3 : 2;
                int r = poll(pfd, n, left > INT_MAX ? INT_MAX : (int)left);
                if (r < 0 && errno != EINTR)
                        return true; /* cannot wait: poll rather than spin or stall */
                if (r <= 0)
                        continue;
                if (pfd[0].revents & POLLIN)
                        drain(c->ctl_fd);
                if (pfd[1].revents & POLLIN)
                        return false; /* never drained: every thread sees it */
                if (n == 3 && (pfd[2].revents & (POLLIN | POLLERR | POLLHUP)) && c->ops->fd_ready &&
                    c->ops->fd_ready(&c->ctx) > 0)
                        return true;
        }
}

static void *collector_main(void *arg)
{
        struct collector *c = arg;
        struct sched *sc = c->sched;
        unsigned failures = 0;
        bool ready = false;

        for (;;) {
                take_pending(c);
                struct snap *s = NULL;
                if (!ready) {
                        int r = c->ops->init ? c->ops->init(&c->ctx) : 0;
                        ready = r == 0;
                        if (!ready)
                                s = failure_snap(r, "cannot initialise the module: %s",
                                                 strerror(-r));
                }
                if (ready)
                        s = poll_once(c);
                if (s && s->error == 0) {
                        observe_changes(c, s);
                        failures = 0;
                } else if (failures < 8)
                        failures++;

                pthread_mutex_lock(&c->lock);
                c->factor = backoff_factor(failures);
                unsigned wait_s = c->interval_s * c->factor;
                c->next_due = sc->now_ms() + (int64_t)wait_s * 1000;
                pthread_mutex_unlock(&c->lock);
                if (s) {
                        s->interval_s = wait_s;
                        publish(c, s);
                }
                if (!wait_next(c))
                        break;
        }
        snap_free(c->last_good);
        c->last_good = NULL;
        if (ready && c->ops->teardown)
                c->ops->teardown(&c->ctx);
        return NULL;
}

/* The watchdog: finds polls past their deadline and reports each once, as a failed snapshot,
 * while the poll itself goes on (it may be stuck in the kernel). */
static void *watchdog_main(void *arg)
{
        struct sched *sc = arg;
        pthread_mutex_lock(&sc->wd_lock);
        while (!sc->wd_stop) {
                int64_t now = sc->now_ms(), earliest = INT64_MAX;
                for (size_t i = 0; i < sc->n; i++) {
                        struct collector *c = &sc->c[i];
                        if (!c->running)
                                continue;
                        pthread_mutex_lock(&c->lock);
                        bool watch = c->in_poll && !c->overrun_reported;
                        int64_t deadline = c->poll_started + (int64_t)c->timeout_s * 1000;
                        bool over = watch && now >= deadline;
                        if (over)
                                c->overrun_reported = true;
                        unsigned timeout_s = c->timeout_s;
                        pthread_mutex_unlock(&c->lock);
                        if (over) {
                                char what[32];
                                snprintf(what, sizeof(what), "%u s", timeout_s);
                                struct snap *s = failure_snap(
                                    -ETIMEDOUT,
                                    "poll still running after %s (pollTimeout): a read or a "
                                    "command is hanging; serving the last values, marked stale",
                                    what);
                                if (s) {
                                        s->overrun = true;
                                        s->interval_s = c->interval_s * c->factor;
                                        publish(c, s);
                                }
                        } else if (watch && deadline < earliest) {
                                earliest = deadline;
                        }
                }
                if (sc->wd_kick) {
                        sc->wd_kick = false;
                        continue;
                }
                /* Real time to wait for the earliest deadline; re-read the clock afterwards
                 * (an injected clock moves only when the test says so). */
                int64_t wait_ms = earliest == INT64_MAX ? 60000 : earliest - now;
                if (wait_ms < 1)
                        wait_ms = 1;
                if (wait_ms > 60000)
                        wait_ms = 60000;
                struct timespec ts;
                clock_gettime(CLOCK_MONOTONIC, &ts);
                int64_t ns = ts.tv_nsec + (wait_ms % 1000) * 1000000;
                ts.tv_sec += (time_t)(wait_ms / 1000 + ns / 1000000000);
                ts.tv_nsec = (long)(ns % 1000000000);
                while (!sc->wd_stop && !sc->wd_kick &&
                       pthread_cond_timedwait(&sc->wd_cond, &sc->wd_lock, &ts) != ETIMEDOUT)
                        ;
                sc->wd_kick = false;
        }
        pthread_mutex_unlock(&sc->wd_lock);
        return NULL;
}

/* Threads we start must not take the signals the SNMP thread reads through its signalfd. */
static int start_thread(pthread_t *t, void *(*fn)(void *), void *arg)
{
        sigset_t all, old;
        sigfillset(&all);
        pthread_sigmask(SIG_SETMASK, &all, &old);
        int r = pthread_create(t, NULL, fn, arg);
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        return -r;
}

struct sched *sched_new(const struct sched_opts *o)
{
        struct sched *s = calloc(1, sizeof(*s));
        if (!s)
                return NULL;
        const struct module_ops *const *mods = o->modules ? o->modules : srvh_modules;
        s->n = o->modules ? o->n_modules : srvh_n_modules;
        s->c = calloc(s->n ? s->n : 1, sizeof(*s->c));
        s->stop_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
        if (!s->c || s->stop_fd < 0) {
                if (s->stop_fd >= 0)
                        close(s->stop_fd);
                free(s->c);
                free(s);
                return NULL;
        }
        s->wake_fd = o->wake_fd;
        s->sysroot = o->sysroot ? o->sysroot : "/";
        s->now_ms = o->now_ms ? o->now_ms : real_now_ms;
        pthread_condattr_t ca;
        pthread_condattr_init(&ca);
        pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
        pthread_cond_init(&s->wd_cond, &ca);
        pthread_condattr_destroy(&ca);
        pthread_mutex_init(&s->wd_lock, NULL);
        for (size_t i = 0; i < s->n; i++) {
                struct collector *c = &s->c[i];
                pthread_mutex_init(&c->lock, NULL);
                c->sched = s;
                c->ops = mods[i];
                c->ctl_fd = -1;
                c->ctx.sysroot = s->sysroot;
                c->ctx.cancel_fd = s->stop_fd;
                c->ctx.wait_fd = -1;
                c->ctx.now_ms = s->now_ms;
        }
        return s;
}

int sched_start(struct sched *s, size_t i, unsigned interval_s, unsigned timeout_s,
                struct module_conf *conf)
{
        if (i >= s->n || s->c[i].running)
                return -EINVAL;
        if (!s->wd_running) {
                int r = start_thread(&s->wd_thread, watchdog_main, s);
                if (r < 0)
                        return r;
                s->wd_running = true;
        }
        struct collector *c = &s->c[i];
        c->ctl_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
        if (c->ctl_fd < 0)
                return -errno;
        c->interval_s = interval_s ? interval_s : 1;
        c->timeout_s = timeout_s ? timeout_s : 1;
        c->factor = 1;
        c->conf = module_conf_ref(conf);
        c->ctx.config = module_conf_get(conf);
        /* running is read by the watchdog: set it before the thread can poll. */
        pthread_mutex_lock(&s->wd_lock);
        c->running = true;
        pthread_mutex_unlock(&s->wd_lock);
        int r = start_thread(&c->thread, collector_main, c);
        if (r < 0) {
                pthread_mutex_lock(&s->wd_lock);
                c->running = false;
                pthread_mutex_unlock(&s->wd_lock);
                module_conf_unref(c->conf);
                c->conf = NULL;
                close(c->ctl_fd);
                c->ctl_fd = -1;
        }
        return r;
}

void sched_set_params(struct sched *s, size_t i, unsigned interval_s, unsigned timeout_s)
{
        if (i >= s->n)
                return;
        struct collector *c = &s->c[i];
        pthread_mutex_lock(&c->lock);
        c->interval_s = interval_s ? interval_s : 1;
        c->timeout_s = timeout_s ? timeout_s : 1;
        pthread_mutex_unlock(&c->lock);
}

void sched_set_config(struct sched *s, size_t i, struct module_conf *conf)
{
        if (i >= s->n)
                return;
        struct collector *c = &s->c[i];
        pthread_mutex_lock(&c->lock);
        struct module_conf *old = c->pending_conf;
        c->pending_conf = module_conf_ref(conf);
        pthread_mutex_unlock(&c->lock);
        module_conf_unref(old);
}

void sched_poll_now(struct sched *s, size_t i)
{
        if (i >= s->n)
                return;
        struct collector *c = &s->c[i];
        pthread_mutex_lock(&c->lock);
        c->poll_now = true;
        pthread_mutex_unlock(&c->lock);
        if (c->ctl_fd >= 0)
                kick(c->ctl_fd);
}

void sched_poll_all_now(struct sched *s)
{
        for (size_t i = 0; i < s->n; i++)
                sched_poll_now(s, i);
}

void sched_clock_changed(struct sched *s)
{
        for (size_t i = 0; i < s->n; i++) {
                if (s->c[i].ctl_fd >= 0)
                        kick(s->c[i].ctl_fd);
        }
        pthread_mutex_lock(&s->wd_lock);
        s->wd_kick = true;
        pthread_cond_signal(&s->wd_cond);
        pthread_mutex_unlock(&s->wd_lock);
}

struct snap *sched_take(struct sched *s, size_t i)
{
        if (i >= s->n)
                return NULL;
        struct collector *c = &s->c[i];
        pthread_mutex_lock(&c->lock);
        struct snap *snap = c->head;
        if (snap) {
                c->head = snap->next;
                if (!c->head)
                        c->tail = NULL;
                c->queued--;
                snap->next = NULL;
        }
        pthread_mutex_unlock(&c->lock);
        return snap;
}

#define COLLECTOR_GETTER(fn, type, field)                                                          \
        type fn(struct sched *s, size_t i)                                                         \
        {                                                                                          \
                if (i >= s->n)                                                                     \
                        return 0;                                                                  \
                pthread_mutex_lock(&s->c[i].lock);                                                 \
                type v = s->c[i].field;                                                            \
                pthread_mutex_unlock(&s->c[i].lock);                                               \
                return v;                                                                          \
        }
COLLECTOR_GETTER(sched_next_due, int64_t, next_due)
COLLECTOR_GETTER(sched_dropped, uint64_t, dropped)
COLLECTOR_GETTER(sched_polls, uint64_t, polls)

size_t sched_free(struct sched *s)
{
        if (!s)
                return 0;
        for (size_t i = 0; i < s->n; i++) {
                pthread_mutex_lock(&s->c[i].lock);
                s->c[i].stop = true;
                pthread_mutex_unlock(&s->c[i].lock);
        }
        kick(s->stop_fd);
        pthread_mutex_lock(&s->wd_lock);
        s->wd_stop = true;
        pthread_cond_signal(&s->wd_cond);
        pthread_mutex_unlock(&s->wd_lock);

        if (s->wd_running)
                pthread_join(s->wd_thread, NULL); /* it never blocks for long */

        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until); /* pthread_timedjoin_np counts in CLOCK_REALTIME */
        until.tv_sec += SCHED_STOP_GRACE_MS / 1000;
        until.tv_nsec += (SCHED_STOP_GRACE_MS % 1000) * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
                until.tv_sec++;
                until.tv_nsec -= 1000000000L;
        }
        size_t stuck = 0;
        for (size_t i = 0; i < s->n; i++) {
                struct collector *c = &s->c[i];
                if (!c->running)
                        continue;
                if (pthread_timedjoin_np(c->thread, NULL, &until) != 0) {
                        pthread_detach(c->thread);
                        stuck++;
                        continue;
                }
                c->running = false;
        }
        if (stuck) {
                /* The stuck threads still use s: it stays, reachable, until the process exits. */
                static struct sched *left_behind;
                s->next_left = left_behind;
                left_behind = s;
                return stuck;
        }

        for (size_t i = 0; i < s->n; i++) {
                struct collector *c = &s->c[i];
                while (c->head) {
                        struct snap *n = c->head->next;
                        snap_free(c->head);
                        c->head = n;
                }
                module_conf_unref(c->conf);
                module_conf_unref(c->pending_conf);
                if (c->ctl_fd >= 0)
                        close(c->ctl_fd);
                pthread_mutex_destroy(&c->lock);
        }
        close(s->stop_fd);
        pthread_mutex_destroy(&s->wd_lock);
        pthread_cond_destroy(&s->wd_cond);
        free(s->c);
        free(s);
        return 0;
}
