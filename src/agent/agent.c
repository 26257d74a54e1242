/* The SNMP thread: sets net-snmp up as an AgentX subagent, starts the collectors, and runs the
 * event loop. One eventfd wakes it, for new snapshots and for signals alike; net-snmp's own
 * sockets and alarms come through snmp_select_info2(). Nothing here blocks on a disk or a command. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>
#include <net-snmp/agent/agent_callbacks.h>
#include <net-snmp/library/large_fd_set.h>

#include "agent/agent.h"
#include "agent/agent_config.h"
#include "agent/master_probe.h"
#include "core/config_scan.h"
#include "core/sched.h"
#include "srvhealth/oids.h"

#define APP_NAME              "srvhealthd"
#define DEFAULT_PING_INTERVAL 5 /* seconds; net-snmp's own default is 15 */
#define SRVH_STATE_DIR        "/var/lib/srvhealthd"

struct agent_state agent;

/* Children (zpool, exec checks) must never inherit the AgentX socket: mark every fd net-snmp has
 * open close-on-exec. net-snmp opens a new socket at every (re)connect, so this runs each time. */
static void netsnmp_fds_cloexec(void)
{
        int numfds = 0, block = 1;
        netsnmp_large_fd_set fds;
        struct timeval tv = {0, 0};
        netsnmp_large_fd_set_init(&fds, FD_SETSIZE);
        snmp_select_info2(&numfds, &fds, &tv, &block);
        for (int fd = 0; fd < numfds; fd++) {
                if (!NETSNMP_LARGE_FD_ISSET(fd, &fds))
                        continue;
                int fl = fcntl(fd, F_GETFD);
                if (fl >= 0 && !(fl & FD_CLOEXEC))
                        (void)fcntl(fd, F_SETFD, fl | FD_CLOEXEC);
        }
        netsnmp_large_fd_set_cleanup(&fds);
}

/* How long srvhealthd waits for the master's answer to anything it sends (Notify, Ping), and it
 * sends nothing twice on its own: a master that is slow but answers within this keeps its
 * session and gets every notification once. */
#define MASTER_ANSWER_TIMEOUT_S 5

static int on_master_up(int major, int minor, void *server, void *client)
{
        (void)major, (void)minor, (void)client;
        netsnmp_fds_cloexec();
        netsnmp_session *ss = server;
        if (ss) {
                /* The library default (5 retries of 1 s) re-sends a Notify the master answers
                 * late, and the master forwards every copy. */
                ss->retries = 0;
                ss->timeout = MASTER_ANSWER_TIMEOUT_S * 1000000L;
        }
        agent.connected = true;
        agent.connects++;
        agent.flush_pending = true; /* sent from the loop, not from inside net-snmp's callback */
        DEBUGMSGTL(("srvh:agentx", "master up (connect #%llu), %llu notifications queued\n",
                    (unsigned long long)agent.connects, (unsigned long long)notify_queued()));
        snmp_log(LOG_INFO, "connected to the master agent\n");
        return 0;
}

static const char *master_address(void)
{
        const char *a = netsnmp_ds_get_string(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_X_SOCKET);
        return a ? a : "unix:" NETSNMP_AGENTX_SOCKET;
}

static int on_master_down(int major, int minor, void *server, void *client)
{
        (void)major, (void)minor, (void)server, (void)client;
        DEBUGMSGTL(("srvh:agentx", "master down\n"));
        if (agent.connected) {
                char why[640];
                master_probe(master_address(), why, sizeof(why));
                snmp_log(LOG_WARNING,
                         "lost the master agent at %s; notifications are queued until it is back "
                         "(retrying every %d s): %s\n",
                         master_address(),
                         netsnmp_ds_get_int(NETSNMP_DS_APPLICATION_ID,
                                            NETSNMP_DS_AGENT_AGENTX_PING_INTERVAL),
                         why);
        }
        agent.connected = false;
        notify_master_lost();
        return 0;
}

/* Say why the master cannot be reached, once per cause (a new errno), not at every retry. */
static void log_master_cause(void)
{
        static int last = -2;
        char why[640];
        int cause = master_probe(master_address(), why, sizeof(why));
        if (cause == last)
                return;
        last = cause;
        snmp_log(
            LOG_WARNING, "master agent not reachable at %s; retrying every %d s: %s\n",
            master_address(),
            netsnmp_ds_get_int(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_AGENTX_PING_INTERVAL),
            why);
}

/* Put agent.cfg in force: intervals, timeouts and module configs to the collectors, queue and
 * event table sizes to notify. */
static void apply_config(struct sched *sched)
{
        for (size_t i = 0; i < agent.n_slots; i++) {
                struct module_slot *m = &agent.slots[i];
                m->interval = agent.cfg.poll_interval[m->pos];
                m->timeout = agent.cfg.poll_timeout[m->pos];
                if (sched) {
                        sched_set_params(sched, m->pos, m->interval, m->timeout);
                        sched_set_config(sched, m->pos, agent.cfg.module[m->pos]);
                }
        }
        notify_resize(agent.cfg.queue_size, agent.cfg.event_table_size);
        ucd_ext_apply();
}

/* Re-read the config file (SIGHUP). The new config replaces the old one whole; with problems,
 * the lines in question are ignored and their defaults apply, as at start. */
static int reload_config(const char *file, bool strict)
{
        struct srvh_config next;
        unsigned refused = agent_config_guard(file, NULL);
        if (refused) {
                snmp_log(LOG_ERR,
                         "SIGHUP: refusing to reload %s: %u problem%s (above); the running "
                         "configuration stays in force\n",
                         file, refused, refused == 1 ? "" : "s");
                return -1;
        }
        int r = agent_config_read(file, &next);
        if (r < 0) {
                snmp_log(LOG_ERR, "SIGHUP: out of memory reading %s; keeping the old settings\n",
                         file ? file : "(no config file)");
                return 1;
        }
        if (r > 0 && strict) {
                snmp_log(LOG_ERR,
                         "SIGHUP: %s has %d problem%s (above); keeping the old settings "
                         "(--strict-config)\n",
                         file ? file : "(no config file)", r, r == 1 ? "" : "s");
                config_clear(&next);
                return -1;
        }
        config_clear(&agent.cfg);
        agent.cfg = next;
        return r;
}

/* A module starts or stops failing: say so once, as a notification and an event row. */
static void module_transition(struct module_slot *m, bool failing, const char *why)
{
        struct event_list ev = {0};
        int r;
        if (failing)
                r = event_add(&ev, SRVH_TRAP_MODULE_FAILED, SRVH_HEALTH_WARNING, m->ops->name,
                              "failing", "ok", 0, "%s", why);
        else
                r = event_add(&ev, SRVH_TRAP_MODULE_RECOVERED, SRVH_HEALTH_OK, m->ops->name, "ok",
                              "failing", 0, "polling works again");
        if (r == 0)
                notify_record(&ev.v[0]);
        event_list_free(&ev);
}

void agent_install_snapshot(struct module_slot *m, struct snap *s)
{
        struct snap *old = m->cur;
        m->cur = s;
        for (size_t t = 0; t < SNAP_TABLES_MAX; t++)
                m->rows[t] = s->tables[t];
        m->health = s->health;
        snap_free(old);
}

/* The scheduler had to drop events (the SNMP thread was blocked for many polls): say so once,
 * as one notification and event row, so a manager knows its view has a hole. */
static void events_lost(struct module_slot *m, const struct snap *s)
{
        struct event_list ev = {0};
        if (event_add(&ev, SRVH_TRAP_EVENTS_LOST, SRVH_HEALTH_WARNING, m->ops->name, "", "",
                      s->events_lost > UINT32_MAX ? UINT32_MAX : (uint32_t)s->events_lost,
                      "%llu events lost: the SNMP thread was blocked (a stalled master agent?) "
                      "while polls went on; the rows are current",
                      (unsigned long long)s->events_lost) == 0) {
                ev.v[0].when = (time_t)s->polled_at;
                notify_record(&ev.v[0]);
        }
        event_list_free(&ev);
}

/* A new snapshot of module m: log its problems once, record the events the collector observed,
 * swap it in. */
static void take_snapshot(struct module_slot *m, struct snap *s)
{
        char token[32];
        snprintf(token, sizeof(token), "srvh:%s", m->ops->name);
        DEBUGMSGTL((token, "snapshot: %s, %u ms, health %s, %zu/%zu rows, next in %u s\n",
                    s->error ? "failed" : "ok", s->duration_ms, srvh_health_name(s->health),
                    s->tables[0].n, s->tables[1].n, s->interval_s));
        if (s->interval_s)
                m->interval = s->interval_s;
        if (!s->overrun) {
                /* An overrun report comes while the poll is still running: it has not ended. */
                m->last_poll = s->polled_at;
                m->last_duration_ms = s->duration_ms;
        }
        if (s->error) {
                m->errors++;
                m->health = SRVH_HEALTH_UNKNOWN;
                /* The first failure is logged as the srvhModuleFailed event; a different cause
                 * later gets its own line. */
                if (!m->failing)
                        module_transition(m, true, s->error_text);
                else if (strcmp(m->last_error, s->error_text) != 0)
                        snmp_log(LOG_ERR, "%s: %s\n", m->ops->name, s->error_text);
                snprintf(m->last_error, sizeof(m->last_error), "%s", s->error_text);
                m->failing = true;
                snap_free(s);
                return;
        }
        if (m->failing)
                module_transition(m, false, NULL); /* logged as the srvhModuleRecovered event */
        m->failing = false;
        if (s->note[0] && strcmp(s->note, m->logged_note) != 0)
                snmp_log(LOG_WARNING, "%s: %s\n", m->ops->name, s->note);
        snprintf(m->logged_note, sizeof(m->logged_note), "%s", s->note);

        if (s->events_lost)
                events_lost(m, s);
        for (size_t i = 0; i < s->events.n; i++)
                notify_record(&s->events.v[i]);
        agent_install_snapshot(m, s);
}

static void drain_snapshots(struct sched *sched)
{
        for (size_t i = 0; i < agent.n_slots; i++) {
                struct snap *s;
                while ((s = sched_take(sched, agent.slots[i].pos)) != NULL)
                        take_snapshot(&agent.slots[i], s);
        }
        agent_mib_update_overall();
}

static const char *startup_pidfile;

/* SIGTERM/SIGINT before the event loop runs: start-up can block for seconds inside net-snmp
 * (init_snmp() waiting for a stalled master), so exit from the handler, async-signal-safely. */
static void startup_exit(int sig)
{
        static const char msg[] = "srvhealthd: signal during start-up, exiting\n";
        if (startup_pidfile)
                (void)unlink(startup_pidfile);
        (void)!write(STDERR_FILENO, msg, sizeof(msg) - 1);
        _exit(sig == SIGTERM || sig == SIGINT ? 0 : 1);
}

/* SIGHUP is blocked from here on and stays pending until the loop takes signals over; SIGTERM
 * and SIGINT end start-up at once. */
static int setup_signals(void)
{
        struct sigaction ign = {.sa_handler = SIG_IGN}, quit = {.sa_handler = startup_exit};
        sigset_t hup;
        sigaction(SIGPIPE, &ign, NULL);
        sigemptyset(&hup);
        sigaddset(&hup, SIGHUP);
        if (sigprocmask(SIG_BLOCK, &hup, NULL) < 0)
                return -errno;
        sigaction(SIGTERM, &quit, NULL);
        sigaction(SIGINT, &quit, NULL);
        return 0;
}

/* In the loop, a signal only records itself and posts the wake-up eventfd (write() is
 * async-signal-safe): the SNMP thread then watches one fd for snapshots and signals, where a
 * signalfd beside the eventfd cost one more fd in each select of every PDU. */
static volatile sig_atomic_t got_hup, got_stop;
static int wake_fd = -1;

static void loop_signal(int sig)
{
        int saved = errno;
        if (sig == SIGHUP)
                got_hup = 1;
        else
                got_stop = sig;
        uint64_t one = 1;
        (void)!write(wake_fd, &one, sizeof(one));
        errno = saved;
}

/* Hand the signals over to the loop: SIGTERM, SIGINT and SIGHUP go to loop_signal(); a SIGHUP
 * that came during start-up is delivered as soon as it is unblocked. SA_RESTART: a signal never
 * makes one of net-snmp's reads or writes fail with EINTR (select() is never restarted, so the
 * loop still wakes, and the eventfd is readable anyway). */
static int loop_signals(int efd)
{
        struct sigaction sa = {.sa_handler = loop_signal, .sa_flags = SA_RESTART};
        sigset_t set;
        wake_fd = efd;
        sigemptyset(&sa.sa_mask);
        sigaddset(&sa.sa_mask, SIGTERM);
        sigaddset(&sa.sa_mask, SIGINT);
        sigaddset(&sa.sa_mask, SIGHUP);
        if (sigaction(SIGTERM, &sa, NULL) < 0 || sigaction(SIGINT, &sa, NULL) < 0 ||
            sigaction(SIGHUP, &sa, NULL) < 0)
                return -errno;
        sigemptyset(&set);
        sigaddset(&set, SIGHUP);
        return sigprocmask(SIG_UNBLOCK, &set, NULL) < 0 ? -errno : 0;
}

static const char *cmdline_socket;

/* -x wins over an agentXSocket line: put it back after the config is read, before the subagent
 * connects (its own post-config callback is registered later, in init_agent, so runs after us). */
static int force_cmdline_socket(int major, int minor, void *server, void *client)
{
        (void)major, (void)minor, (void)server, (void)client;
        if (cmdline_socket)
                netsnmp_ds_set_string(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_X_SOCKET,
                                      cmdline_socket);
        return 0;
}

static void init_netsnmp(const struct agent_opts *o)
{
        netsnmp_ds_set_boolean(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_ROLE, 1);
        netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_ALARM_DONT_USE_SIG, 1);
        netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DONT_PERSIST_STATE, 1);
        netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DISABLE_PERSISTENT_LOAD, 1);
        /* Read only the file we were given, not every srvhealthd.conf on net-snmp's path. */
        netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DONT_READ_CONFIGS, 1);
        if (o->config_file)
                netsnmp_ds_set_string(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_OPTIONALCONFIG,
                                      o->config_file);
        /* net-snmp writes its persistent state (cert_indexes...) below this directory; without
         * it, into snmpd's /var/lib/snmp. Ours is /var/lib/srvhealthd (StateDirectory=). */
        if (!getenv("SNMP_PERSISTENT_DIR"))
                netsnmp_ds_set_string(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_PERSISTENT_DIR,
                                      SRVH_STATE_DIR);
        cmdline_socket = o->agentx_socket;
        snmp_register_callback(SNMP_CALLBACK_LIBRARY, SNMP_CALLBACK_POST_READ_CONFIG,
                               force_cmdline_socket, NULL);
        init_agent(APP_NAME);
        /* init_agent() sets its own ping interval: ours goes after it, the config after us. */
        netsnmp_ds_set_int(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_AGENTX_PING_INTERVAL,
                           DEFAULT_PING_INTERVAL);
        /* net-snmp warns at every failed reconnect; we say it once per outage instead. */
        netsnmp_ds_set_boolean(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_NO_CONNECTION_WARNINGS,
                               1);
        snmp_register_callback(SNMP_CALLBACK_APPLICATION, SNMPD_CALLBACK_INDEX_START, on_master_up,
                               NULL);
        snmp_register_callback(SNMP_CALLBACK_APPLICATION, SNMPD_CALLBACK_INDEX_STOP, on_master_down,
                               NULL);
}

/* After the loop efd is closed: a further SIGTERM or SIGINT ends the process at once (as in
 * start-up), a SIGHUP is ignored. */
static void end_loop_signals(void)
{
        struct sigaction ign = {.sa_handler = SIG_IGN}, quit = {.sa_handler = startup_exit};
        sigaction(SIGHUP, &ign, NULL);
        sigaction(SIGTERM, &quit, NULL);
        sigaction(SIGINT, &quit, NULL);
}

/* The signals loop_signal() recorded: a stop wins over a pending reload. */
static void handle_signals(const struct agent_opts *o, struct sched *sched, bool *stop)
{
        int sig = got_stop;
        if (sig) {
                snmp_log(LOG_NOTICE, "received %s, exiting\n",
                         sig == SIGTERM ? "SIGTERM" : "SIGINT");
                *stop = true;
                return;
        }
        if (!got_hup)
                return;
        got_hup = 0;
        int problems = reload_config(o->config_file, o->strict_config);
        if (problems < 0)
                return; /* refused and logged; nothing changed */
        snmp_log(problems ? LOG_WARNING : LOG_NOTICE, "SIGHUP: re-read %s (%d problem%s)\n",
                 o->config_file ? o->config_file : "(no config file)", problems,
                 problems == 1 ? "" : "s");
        apply_config(sched);
        sched_poll_all_now(sched);
}

static void drain_eventfd(int efd)
{
        uint64_t v;
        ssize_t r = read(efd, &v, sizeof(v));
        (void)r;
}

static int event_loop(const struct agent_opts *o, int efd, struct sched *sched)
{
        bool stop = false;
        while (!stop) {
                handle_signals(o, sched, &stop);
                if (stop)
                        break;
                int numfds = 0, block = 1;
                netsnmp_large_fd_set fds;
                struct timeval tv = {0, 0}, *tvp = &tv;
                netsnmp_large_fd_set_init(&fds, FD_SETSIZE);
                snmp_select_info2(&numfds, &fds, tvp, &block);
                if (block)
                        tvp = NULL;
                NETSNMP_LARGE_FD_SET(efd, &fds);
                if (efd >= numfds)
                        numfds = efd + 1;

                int count = netsnmp_large_fd_set_select(numfds, &fds, NULL, NULL, tvp);
                if (count < 0) {
                        if (errno == EINTR) {
                                netsnmp_large_fd_set_cleanup(&fds);
                                continue; /* a signal: handled at the top of the loop */
                        }
                        snmp_log(LOG_ERR, "select: %s\n", strerror(errno));
                        netsnmp_large_fd_set_cleanup(&fds);
                        return 1;
                }
                if (count > 0) {
                        if (NETSNMP_LARGE_FD_ISSET(efd, &fds)) {
                                NETSNMP_LARGE_FD_CLR(efd, &fds);
                                drain_eventfd(efd);
                                drain_snapshots(sched);
                        }
                        snmp_read2(&fds);
                } else {
                        snmp_timeout();
                }
                netsnmp_large_fd_set_cleanup(&fds);
                run_alarms();
                netsnmp_check_outstanding_agent_requests();
                if (agent.flush_pending) {
                        agent.flush_pending = false;
                        notify_flush();
                }
        }
        return 0;
}

int agent_run(const struct agent_opts *o)
{
        startup_pidfile = o->pidfile;
        int sr = setup_signals();
        if (sr < 0) {
                snmp_log(LOG_ERR, "cannot set up signal handling: %s\n", strerror(-sr));
                return 1;
        }
        int efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
        if (efd < 0) {
                snmp_log(LOG_ERR, "cannot create an eventfd: %s\n", strerror(errno));
                return 1;
        }

        agent.start_time = (int64_t)time(NULL);
        agent.overall = SRVH_HEALTH_UNKNOWN;
        snprintf(agent.overall_message, sizeof(agent.overall_message), "starting");
        agent.n_slots = srvh_n_modules < SRVH_MODULES_MAX ? srvh_n_modules : SRVH_MODULES_MAX;
        for (size_t i = 0; i < agent.n_slots; i++) {
                agent.slots[i].ops = srvh_modules[i];
                agent.slots[i].pos = i;
                agent.slots[i].health = SRVH_HEALTH_UNKNOWN;
        }

        if (o->check_config) {
                /* Parse only: init_agent() as a subagent registers net-snmp's own tokens
                 * (agentXSocket, agentxPingInterval...); it connects only from init_snmp(),
                 * which we do not call here. No collectors either. */
                netsnmp_ds_set_boolean(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_ROLE, 1);
                netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DONT_READ_CONFIGS, 1);
                init_agent(APP_NAME);
                agent_config_register();
                /* Unsafe files are not handed to net-snmp; content problems are listed by both */
                bool files_ok;
                int problems = (int)agent_config_guard(o->config_file, &files_ok);
                int r = files_ok ? agent_config_read(o->config_file, &agent.cfg) : 0;
                problems = r < 0 ? r : problems + r;
                config_clear(&agent.cfg);
                if (problems < 0) {
                        fprintf(stderr, "out of memory\n");
                        return 1;
                }
                if (problems)
                        fprintf(stderr, "%s: %d problem%s found\n",
                                o->config_file ? o->config_file : "(none)", problems,
                                problems == 1 ? "" : "s");
                else
                        fprintf(stderr, "%s: configuration OK\n",
                                o->config_file ? o->config_file : "(no config file)");
                return problems ? 1 : 0;
        }

        const char *bad_x = o->agentx_socket ? config_scan_agentx_address(o->agentx_socket,
                                                                          strlen(o->agentx_socket))
                                             : NULL;
        if (bad_x) {
                snmp_log(LOG_ERR, "-x %s: %s\n", o->agentx_socket, bad_x);
                return 1;
        }
        unsigned refused = agent_config_guard(o->config_file, NULL);
        if (refused) {
                snmp_log(LOG_ERR,
                         "%s: %u problem%s (above); refusing to start (check with srvhealthd "
                         "--check-config -c FILE)\n",
                         o->config_file, refused, refused == 1 ? "" : "s");
                return 1;
        }
        init_netsnmp(o);
        agent_config_register();
        if (agent_config_begin(&agent.cfg) < 0) {
                snmp_log(LOG_ERR, "out of memory\n");
                return 1;
        }
        init_snmp(APP_NAME); /* reads the config; connects to the master if it is there */
        unsigned problems = agent_config_end();
        netsnmp_fds_cloexec();
        if (problems && o->strict_config) {
                snmp_log(LOG_ERR,
                         "%s: %u problem%s (above); exiting, as --strict-config asks "
                         "(check with srvhealthd --check-config -c FILE)\n",
                         o->config_file ? o->config_file : "config", problems,
                         problems == 1 ? "" : "s");
                snmp_shutdown(APP_NAME);
                config_clear(&agent.cfg);
                return 1;
        }
        if (problems)
                snmp_log(LOG_WARNING,
                         "%s: %u problem%s (above); those lines are ignored, defaults apply "
                         "(check with srvhealthd --check-config -c FILE)\n",
                         o->config_file ? o->config_file : "config", problems,
                         problems == 1 ? "" : "s");
        if (notify_init(agent.cfg.queue_size, agent.cfg.event_table_size) < 0) {
                snmp_log(LOG_ERR, "out of memory\n");
                return 1;
        }
        for (size_t i = 0; i < agent.n_slots; i++)
                agent.slots[i].enabled = !agent.cfg.disabled[agent.slots[i].pos];
        char why[256];
        if (agent_mib_init(why, sizeof(why)) < 0) {
                snmp_log(LOG_ERR, "internal error, refusing to serve: %s\n", why);
                return 1;
        }
        if (handler_register(agent_mib_tree()) < 0 || errfix_register() < 0) {
                snmp_log(LOG_ERR, "cannot register the SRVHEALTH-MIB subtree\n");
                return 1;
        }

        struct sched *sched =
            sched_new(&(struct sched_opts){.wake_fd = efd, .sysroot = o->sysroot});
        if (!sched) {
                snmp_log(LOG_ERR, "out of memory\n");
                return 1;
        }
        apply_config(NULL);
        for (size_t i = 0; i < agent.n_slots; i++) {
                struct module_slot *m = &agent.slots[i];
                if (!m->enabled) {
                        snmp_log(LOG_INFO, "%s: disabled by configuration\n", m->ops->name);
                        continue;
                }
                int r =
                    sched_start(sched, m->pos, m->interval, m->timeout, agent.cfg.module[m->pos]);
                if (r < 0)
                        snmp_log(LOG_ERR, "%s: cannot start the collector: %s\n", m->ops->name,
                                 strerror(-r));
        }
        agent_mib_update_overall();
        snmp_log(LOG_INFO, "srvhealthd %s started (sysroot %s)\n", SRVH_VERSION, o->sysroot);
        if (!agent.connected)
                log_master_cause();

        sr = loop_signals(efd); /* from now on signals wake the loop through efd */
        if (sr < 0) {
                snmp_log(LOG_ERR, "cannot set up signal handling: %s\n", strerror(-sr));
                sched_free(sched);
                return 1;
        }
        int rc = event_loop(o, efd, sched);
        end_loop_signals();

        size_t stuck = sched_free(sched);
        if (stuck)
                snmp_log(LOG_WARNING,
                         "%zu collector%s did not stop within %d ms (a read is hanging in the "
                         "kernel); exiting without them\n",
                         stuck, stuck == 1 ? "" : "s", SCHED_STOP_GRACE_MS);
        ucd_ext_unregister();
        errfix_unregister();
        handler_unregister();
        snmp_shutdown(APP_NAME);
        for (size_t i = 0; i < agent.n_slots; i++)
                snap_free(agent.slots[i].cur);
        notify_free();
        config_clear(&agent.cfg);
        if (!stuck)
                close(efd); /* a stuck collector may still write to it until we exit */
        return rc;
}
