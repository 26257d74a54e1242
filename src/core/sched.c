/* Collector threads (see sched.h). Each waits on a condition variable with a monotonic deadline,
 * so a stop or a "poll now" wakes it at once; no sleep loops. */
#include "core/sched.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct collector {
        struct sched *sched;
        const struct module_ops *ops;
        struct module_ctx ctx;
        pthread_t thread;
        bool running;
        /* Guarded by lock: */
        pthread_mutex_t lock;
        pthread_cond_t cond;
        unsigned interval_s;
        bool stop;
        bool poll_now;
        struct snap *head, *tail; /* unread snapshots, oldest first */
        size_t queued;
};

struct sched {
        int wake_fd;
        const struct module_settings *settings;
        struct collector *c; /* one per srvh_modules entry */
        size_t n;
};

static int64_t now_ms(clockid_t clk)
{
        struct timespec ts;
        clock_gettime(clk, &ts);
        return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
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
                dropped = c->head;
                c->head = dropped->next;
                c->queued--;
        }
        pthread_mutex_unlock(&c->lock);
        snap_free(dropped);

        uint64_t one = 1;
        ssize_t r = write(c->sched->wake_fd, &one, sizeof(one));
        (void)r; /* EAGAIN means the counter is already non-zero: the wake-up is pending */
}

static struct snap *poll_once(struct collector *c)
{
        struct snap *s = snap_new();
        if (!s)
                return NULL;
        int64_t t0 = now_ms(CLOCK_MONOTONIC);
        s->polled_at = (int64_t)time(NULL);
        int r = c->ops->poll(&c->ctx, s);
        int64_t dt = now_ms(CLOCK_MONOTONIC) - t0;
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
                        snprintf(s->error_text, sizeof(s->error_text), "%s: poll failed: %s",
                                 c->ops->name, strerror(-r));
                s->health = SRVH_HEALTH_UNKNOWN;
        }
        return s;
}

static void *collector_main(void *arg)
{
        struct collector *c = arg;
        unsigned failures = 0;
        bool ready = c->ops->init ? c->ops->init(&c->ctx) == 0 : true;

        pthread_mutex_lock(&c->lock);
        while (!c->stop) {
                pthread_mutex_unlock(&c->lock);

                struct snap *s = NULL;
                if (!ready)
                        ready = c->ops->init(&c->ctx) == 0;
                if (ready)
                        s = poll_once(c);
                if (s && s->error == 0) {
                        failures = 0;
                } else {
                        if (failures < 8)
                                failures++;
                }
                if (!s && !ready && (s = snap_new())) {
                        s->error = -ENOMEM;
                        snprintf(s->error_text, sizeof(s->error_text),
                                 "%s: cannot initialise the module", c->ops->name);
                }
                if (s)
                        publish(c, s);

                pthread_mutex_lock(&c->lock);
                uint64_t factor = 1;
                for (unsigned k = 0; k < failures && factor < SCHED_BACKOFF_MAX_FACTOR; k++)
                        factor *= 2;
                int64_t deadline =
                    now_ms(CLOCK_MONOTONIC) + (int64_t)(c->interval_s * factor * 1000);
                while (!c->stop && !c->poll_now) {
                        struct timespec ts = {.tv_sec = deadline / 1000,
                                              .tv_nsec = (deadline % 1000) * 1000000};
                        if (pthread_cond_timedwait(&c->cond, &c->lock, &ts) == ETIMEDOUT)
                                break;
                }
                c->poll_now = false;
        }
        pthread_mutex_unlock(&c->lock);
        if (ready && c->ops->teardown)
                c->ops->teardown(&c->ctx);
        return NULL;
}

struct sched *sched_new(int wake_fd, const struct module_settings *settings)
{
        struct sched *s = calloc(1, sizeof(*s));
        if (!s)
                return NULL;
        s->c = calloc(srvh_n_modules, sizeof(*s->c));
        if (!s->c) {
                free(s);
                return NULL;
        }
        s->n = srvh_n_modules;
        s->wake_fd = wake_fd;
        s->settings = settings;
        for (size_t i = 0; i < s->n; i++) {
                struct collector *c = &s->c[i];
                pthread_condattr_t ca;
                pthread_condattr_init(&ca);
                pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
                pthread_cond_init(&c->cond, &ca);
                pthread_condattr_destroy(&ca);
                pthread_mutex_init(&c->lock, NULL);
                c->sched = s;
                c->ops = srvh_modules[i];
                c->ctx.settings = settings;
        }
        return s;
}

int sched_start(struct sched *s, size_t i, unsigned interval_s)
{
        if (i >= s->n || s->c[i].running)
                return -EINVAL;
        struct collector *c = &s->c[i];
        c->interval_s = interval_s ? interval_s : 1;
        /* Collectors must not take the signals the SNMP thread reads through its signalfd. */
        sigset_t all, old;
        sigfillset(&all);
        pthread_sigmask(SIG_SETMASK, &all, &old);
        int r = pthread_create(&c->thread, NULL, collector_main, c);
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        if (r != 0)
                return -r;
        c->running = true;
        return 0;
}

void sched_set_interval(struct sched *s, size_t i, unsigned interval_s)
{
        if (i >= s->n)
                return;
        pthread_mutex_lock(&s->c[i].lock);
        s->c[i].interval_s = interval_s ? interval_s : 1;
        pthread_mutex_unlock(&s->c[i].lock);
}

void sched_poll_all_now(struct sched *s)
{
        for (size_t i = 0; i < s->n; i++) {
                pthread_mutex_lock(&s->c[i].lock);
                s->c[i].poll_now = true;
                pthread_cond_signal(&s->c[i].cond);
                pthread_mutex_unlock(&s->c[i].lock);
        }
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

void sched_free(struct sched *s)
{
        if (!s)
                return;
        for (size_t i = 0; i < s->n; i++) {
                struct collector *c = &s->c[i];
                pthread_mutex_lock(&c->lock);
                c->stop = true;
                pthread_cond_signal(&c->cond);
                pthread_mutex_unlock(&c->lock);
        }
        for (size_t i = 0; i < s->n; i++) {
                struct collector *c = &s->c[i];
                if (c->running)
                        pthread_join(c->thread, NULL);
                while (c->head) {
                        struct snap *n = c->head->next;
                        snap_free(c->head);
                        c->head = n;
                }
                pthread_mutex_destroy(&c->lock);
                pthread_cond_destroy(&c->cond);
        }
        free(s->c);
        free(s);
}
