/* Diagnose an unreachable AgentX master by connecting to its unix socket ourselves. net-snmp only
 * says "connection failed"; the errno of our own connect tells permission problems, a missing
 * snmpd and a stale socket apart, and stat(2) adds the modes and owners that need changing. */
#include "agent/master_probe.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

/* The recommended snmpd.conf line; "-1" keeps root as the socket's owner (a literal "root" works
 * too, but net-snmp 5.9 then logs "Can't identify user (root)"). */
#define PERMS_LINE "agentXPerms 0660 0711 -1 %s"

__attribute__((format(printf, 3, 4))) static void say(char *buf, size_t len, const char *fmt, ...)
{
        if (!buf || len == 0)
                return;
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(buf, len, fmt, ap);
        va_end(ap);
        if (n < 0)
                buf[0] = '\0';
}

/* The socket path of an AgentX address, or NULL for a transport we cannot probe. */
static const char *unix_path(const char *address)
{
        if (!address || !*address)
                return MASTER_PROBE_DEFAULT;
        if (strncasecmp(address, "unix:", 5) == 0)
                return address + 5;
        if (address[0] == '/')
                return address;
        return NULL;
}

static void user_name(uid_t uid, char *out, size_t n)
{
        char tmp[1024];
        struct passwd pw, *res = NULL;
        if (getpwuid_r(uid, &pw, tmp, sizeof(tmp), &res) == 0 && res)
                snprintf(out, n, "%s", res->pw_name);
        else
                snprintf(out, n, "%lu", (unsigned long)uid);
}

static void group_name(gid_t gid, char *out, size_t n)
{
        char tmp[4096];
        struct group gr, *res = NULL;
        if (getgrgid_r(gid, &gr, tmp, sizeof(tmp), &res) == 0 && res)
                snprintf(out, n, "%s", res->gr_name);
        else
                snprintf(out, n, "%lu", (unsigned long)gid);
}

/* "mode 0700, owner root:root" of path, or "" if stat fails. */
static void describe(const char *path, char *out, size_t n)
{
        struct stat st;
        char u[64], g[64];
        if (stat(path, &st) < 0) {
                snprintf(out, n, "mode unknown: %s", strerror(errno));
                return;
        }
        user_name(st.st_uid, u, sizeof(u));
        group_name(st.st_gid, g, sizeof(g));
        snprintf(out, n, "mode %04o, owner %s:%s", (unsigned)(st.st_mode & 07777), u, g);
}

static void explain_eacces(const char *path, char *buf, size_t len)
{
        char dir[sizeof(((struct sockaddr_un *)0)->sun_path)];
        snprintf(dir, sizeof(dir), "%s", path);
        char *slash = strrchr(dir, '/');
        if (slash == dir)
                slash[1] = '\0';
        else if (slash)
                *slash = '\0';
        else
                snprintf(dir, sizeof(dir), ".");

        char me[64], grp[64], what[160];
        user_name(geteuid(), me, sizeof(me));
        group_name(getegid(), grp, sizeof(grp));

        if (faccessat(AT_FDCWD, dir, X_OK, AT_EACCESS) < 0) {
                describe(dir, what, sizeof(what));
                say(buf, len,
                    "permission denied: user %s (group %s) cannot enter the directory %s (%s) that "
                    "holds snmpd's AgentX socket %s; snmpd applies the directory mode of "
                    "agentXPerms only when it creates the directory, so run 'chmod 0711 %s' once "
                    "and set '" PERMS_LINE "' in snmpd.conf, then restart snmpd",
                    me, grp, dir, what, path, dir, grp);
                return;
        }
        describe(path, what, sizeof(what));
        say(buf, len,
            "permission denied on snmpd's AgentX socket %s (%s) for user %s (group %s): set "
            "'" PERMS_LINE "' in snmpd.conf so that group %s may connect, then restart snmpd",
            path, what, me, grp, grp, grp);
}

static void explain_refused(const char *path, char *buf, size_t len)
{
        struct stat st;
        if (stat(path, &st) == 0 && !S_ISSOCK(st.st_mode)) {
                say(buf, len,
                    "%s is not a socket: something else took snmpd's AgentX path; remove it and "
                    "restart snmpd",
                    path);
                return;
        }
        say(buf, len,
            "nobody listens on the AgentX socket %s: it is stale, left behind by an snmpd that "
            "stopped; start snmpd, or make agentXSocket in snmpd.conf and srvhealthd -x name the "
            "same path",
            path);
}

int master_probe(const char *address, char *buf, size_t len)
{
        const char *path = unix_path(address);
        if (!path) {
                say(buf, len,
                    "unknown cause: %s is not a unix socket, so srvhealthd cannot probe it; check "
                    "that snmpd's agentXSocket names the same address",
                    address);
                return -1;
        }

        struct sockaddr_un sa = {.sun_family = AF_UNIX};
        size_t plen = strlen(path);
        if (plen == 0 || plen >= sizeof(sa.sun_path)) {
                say(buf, len,
                    "the AgentX socket path '%s' is %s for a unix socket address (1 to %zu bytes); "
                    "use another agentXSocket in snmpd.conf and srvhealthd -x",
                    path, plen ? "too long" : "empty", sizeof(sa.sun_path) - 1);
                return ENAMETOOLONG;
        }
        memcpy(sa.sun_path, path, plen + 1);

        int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (fd < 0) {
                int e = errno;
                say(buf, len, "cannot create a socket to probe %s: %s", path, strerror(e));
                return e;
        }
        int r = connect(fd, (const struct sockaddr *)&sa, sizeof(sa));
        int e = r == 0 ? 0 : errno;
        close(fd);
        if (e == EINPROGRESS)
                e = 0;

        switch (e) {
        case 0:
                say(buf, len,
                    "the AgentX socket %s accepts connections, so the cause lies elsewhere: see "
                    "snmpd's log",
                    path);
                break;
        case EACCES:
        case EPERM:
                explain_eacces(path, buf, len);
                break;
        case ENOENT:
                say(buf, len,
                    "no AgentX socket at %s: snmpd is not running, or its configuration lacks "
                    "'master agentx' or puts the socket elsewhere (agentXSocket in snmpd.conf and "
                    "srvhealthd -x must name the same path)",
                    path);
                break;
        case ECONNREFUSED:
                explain_refused(path, buf, len);
                break;
        case EAGAIN:
                say(buf, len,
                    "snmpd's AgentX socket %s has a full backlog: snmpd is alive but not accepting "
                    "(busy or hung)",
                    path);
                break;
        default:
                say(buf, len, "cannot connect to snmpd's AgentX socket %s: %s", path, strerror(e));
                break;
        }
        return e;
}
