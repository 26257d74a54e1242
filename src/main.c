/* srvhealthd: command line, logging set-up, pidfile lock and daemonizing, then the SNMP thread's
 * loop in src/agent/agent.c. See srvhealthd(8). */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include "agent/agent.h"
#include "agent/config_guard.h"

#define DEFAULT_CONFIG  "/etc/snmp/srvhealthd.conf"
#define DEFAULT_PIDFILE "/run/srvhealthd/srvhealthd.pid"

static void usage(FILE *f)
{
        fprintf(
            f,
            "Usage: srvhealthd [OPTION]...\n"
            "Serve md RAID, SMART, ZFS and exec-check health as SRVHEALTH-MIB through the\n"
            "host's snmpd (AgentX).\n"
            "\n"
            "  -f, --foreground          stay in the foreground (for systemd and tests)\n"
            "  -c, --config FILE         configuration file (default " DEFAULT_CONFIG ")\n"
            "  -x, --agentx-socket ADDR  master agent's AgentX socket (default "
            "unix:/var/agentx/master)\n"
            "      --sysroot DIR         read /proc and /sys below DIR (default /)\n"
            "  -p, --pidfile FILE        pid file and single-instance lock\n"
            "                            (default " DEFAULT_PIDFILE ")\n"
            "  -L LOGOPTS                logging as snmpd: -Lo stdout, -Le stderr, -Lf FILE,\n"
            "                            -Ls FACILITY (e.g. -Ls daemon); default: stderr with -f,\n"
            "                            syslog (daemon) otherwise\n"
            "  -D TOKENS                 debug output for TOKENS (srvh, srvh:md, srvh:notify,\n"
            "                            srvh:agentx, or net-snmp's own such as agentx)\n"
            "      --check-config        check the configuration file, report problems, exit\n"
            "      --dump                poll every enabled module once, print the rows it\n"
            "                            would serve (column names and values) and exit:\n"
            "                            0 when every poll succeeded, 1 otherwise; no SNMP\n"
            "      --json                with --dump: print JSON instead of text\n"
            "      --strict-config       refuse to start when the configuration file has\n"
            "                            problems (each is logged with file:line); on SIGHUP\n"
            "                            keep the old settings instead of the faulty ones\n"
            "  -V, --version             print the version and exit\n"
            "  -h, --help                print this help and exit\n"
            "\n"
            "Signals: SIGHUP re-reads the configuration; SIGTERM and SIGINT exit.\n"
            "See srvhealthd(8) and srvhealthd.conf(5).\n");
}

/* Take the single-instance lock. Returns the fd, or -1 after saying why. */
static int lock_pidfile(const char *path)
{
        /* The default lives in a directory systemd creates (RuntimeDirectory=); make it when
         * started by hand. */
        if (strcmp(path, DEFAULT_PIDFILE) == 0)
                (void)mkdir("/run/srvhealthd", 0755);
        /* O_NONBLOCK: a FIFO put in its place must not hang us; the checks follow */
        int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0644);
        if (fd < 0) {
                fprintf(stderr, "srvhealthd: cannot open pid file %s: %s (use -p FILE)\n", path,
                        strerror(errno));
                return -1;
        }
        char why[2 * PATH_MAX];
        if (config_guard_pidfile(fd, path, why, sizeof(why)) < 0) {
                fprintf(stderr, "srvhealthd: %s\n", why);
                close(fd);
                return -1;
        }
        if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
                char buf[32] = "";
                ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
                buf[n > 0 ? n : 0] = '\0';
                buf[strcspn(buf, "\n")] = '\0';
                fprintf(stderr,
                        "srvhealthd: another srvhealthd is already running (pid %s, lock held on "
                        "%s); stop it first or give this one another -p FILE\n",
                        buf[0] ? buf : "unknown", path);
                close(fd);
                return -1;
        }
        return fd;
}

static int write_pid(int fd)
{
        char buf[32];
        int n = snprintf(buf, sizeof(buf), "%ld\n", (long)getpid());
        if (ftruncate(fd, 0) < 0 || pwrite(fd, buf, (size_t)n, 0) != n)
                return -errno;
        return 0;
}

int main(int argc, char **argv)
{
        enum { OPT_SYSROOT = 1000, OPT_CHECK_CONFIG, OPT_STRICT_CONFIG, OPT_DUMP, OPT_JSON };
        static const struct option longopts[] = {
            {"foreground", no_argument, NULL, 'f'},
            {"config", required_argument, NULL, 'c'},
            {"agentx-socket", required_argument, NULL, 'x'},
            {"sysroot", required_argument, NULL, OPT_SYSROOT},
            {"pidfile", required_argument, NULL, 'p'},
            {"check-config", no_argument, NULL, OPT_CHECK_CONFIG},
            {"strict-config", no_argument, NULL, OPT_STRICT_CONFIG},
            {"dump", no_argument, NULL, OPT_DUMP},
            {"json", no_argument, NULL, OPT_JSON},
            {"version", no_argument, NULL, 'V'},
            {"help", no_argument, NULL, 'h'},
            {NULL, 0, NULL, 0},
        };
        struct agent_opts o = {.sysroot = "/"};
        /* We serve and send numeric OIDs only: parsing MIB files would cost start-up time and
         * print warnings about the IETF MIBs Debian does not ship. */
        setenv("MIBS", "", 1);
        const char *config = NULL, *pidfile = DEFAULT_PIDFILE;
        bool foreground = false, logging_set = false;
        int c;

        while ((c = getopt_long(argc, argv, "fc:x:p:L:D:Vh", longopts, NULL)) != -1) {
                switch (c) {
                case 'f':
                        foreground = true;
                        break;
                case 'c':
                        config = optarg;
                        break;
                case 'x':
                        o.agentx_socket = optarg;
                        break;
                case OPT_SYSROOT:
                        o.sysroot = optarg;
                        break;
                case 'p':
                        pidfile = optarg;
                        break;
                case 'L':
                        if (snmp_log_options(optarg, argc, argv) < 0) {
                                fprintf(stderr, "srvhealthd: bad -L option '%s'\n", optarg);
                                return 1;
                        }
                        logging_set = true;
                        break;
                case 'D':
                        debug_register_tokens(optarg);
                        snmp_set_do_debugging(1);
                        break;
                case OPT_CHECK_CONFIG:
                        o.check_config = true;
                        break;
                case OPT_STRICT_CONFIG:
                        o.strict_config = true;
                        break;
                case OPT_DUMP:
                        o.dump = true;
                        break;
                case OPT_JSON:
                        o.dump_json = true;
                        break;
                case 'V':
                        printf("srvhealthd %s (net-snmp %s)\n", SRVH_VERSION,
                               netsnmp_get_version());
                        return 0;
                case 'h':
                        usage(stdout);
                        return 0;
                default:
                        usage(stderr);
                        return 1;
                }
        }
        if (o.dump_json && !o.dump) {
                fprintf(stderr, "srvhealthd: --json goes with --dump\n");
                usage(stderr);
                return 1;
        }
        if (o.dump && o.check_config) {
                fprintf(stderr, "srvhealthd: --dump and --check-config exclude each other\n");
                return 1;
        }
        if (optind < argc) {
                fprintf(stderr, "srvhealthd: unexpected argument '%s'\n", argv[optind]);
                usage(stderr);
                return 1;
        }

        static char config_abs[PATH_MAX];
        if (config) {
                if (!realpath(config, config_abs)) {
                        fprintf(stderr, "srvhealthd: cannot read config file %s: %s\n", config,
                                strerror(errno));
                        return 1;
                }
                o.config_file = config_abs;
        } else if (access(DEFAULT_CONFIG, F_OK) == 0) {
                o.config_file = DEFAULT_CONFIG;
        }
        struct stat st;
        if (stat(o.sysroot, &st) < 0 || !S_ISDIR(st.st_mode)) {
                fprintf(stderr, "srvhealthd: --sysroot %s is not a directory\n", o.sysroot);
                return 1;
        }

        if (!logging_set) {
                if (foreground || o.check_config || o.dump)
                        snmp_enable_stderrlog();
                else
                        snmp_enable_syslog_ident("srvhealthd", LOG_DAEMON);
        }
        if (o.check_config)
                return agent_run(&o);
        if (o.dump)
                return agent_dump(&o); /* no pidfile: it runs beside a serving daemon */

        int pidfd = lock_pidfile(pidfile);
        if (pidfd < 0)
                return 1;
        if (!foreground && daemon(0, 0) < 0) {
                fprintf(stderr, "srvhealthd: cannot go to the background: %s\n", strerror(errno));
                return 1;
        }
        o.pidfile = pidfile;
        if (write_pid(pidfd) < 0)
                snmp_log(LOG_WARNING, "cannot write pid file %s\n", pidfile);

        int rc = agent_run(&o);
        unlink(pidfile);
        close(pidfd);
        return rc;
}
