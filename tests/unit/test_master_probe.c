/* master_probe() (src/agent/master_probe.c) against real unix sockets in a temp dir: one that
 * listens, a missing path, a stale socket file, a plain file, and permission denied on the
 * directory and on the socket. As root, the permission cases run in a forked child that becomes
 * nobody; as another user they use modes that deny the owner. */
#include <errno.h>
#include <grp.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "agent/master_probe.h"

#define NOBODY 65534

struct fx {
        char dir[64];   /* the temp dir, mode 0755 */
        char sub[96];   /* a directory inside it, for the permission cases */
        char path[128]; /* a socket path */
        int lfd;        /* a listening socket, or -1 */
};

static int setup(void **state)
{
        struct fx *f = calloc(1, sizeof(*f));
        if (!f)
                return -1;
        snprintf(f->dir, sizeof(f->dir), "/tmp/srvh-probe-XXXXXX");
        if (!mkdtemp(f->dir) || chmod(f->dir, 0755) < 0)
                return -1;
        snprintf(f->sub, sizeof(f->sub), "%s/agentx", f->dir);
        f->lfd = -1;
        *state = f;
        return 0;
}

static int teardown(void **state)
{
        struct fx *f = *state;
        if (f->lfd >= 0)
                close(f->lfd);
        chmod(f->sub, 0700);
        char cmd[160];
        snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
        int r = system(cmd);
        (void)r;
        free(f);
        return 0;
}

/* Bind a unix socket at path; listen on it unless listening is false. Returns the fd. */
static int make_socket(const char *path, bool listening)
{
        struct sockaddr_un sa = {.sun_family = AF_UNIX};
        snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
        int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        assert_true(fd >= 0);
        assert_int_equal(0, bind(fd, (struct sockaddr *)&sa, sizeof(sa)));
        if (listening)
                assert_int_equal(0, listen(fd, 4));
        return fd;
}

struct result {
        int rc;
        char msg[1024];
};

/* Run master_probe(address) as nobody when we are root (the check must see another user's view),
 * else as ourselves. */
static struct result probe_as_other(const char *address)
{
        struct result res = {0};
        if (geteuid() != 0) {
                res.rc = master_probe(address, res.msg, sizeof(res.msg));
                return res;
        }
        int p[2];
        assert_int_equal(0, pipe(p));
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
                close(p[0]);
                struct result r = {0};
                if (setgroups(0, NULL) < 0 || setgid(NOBODY) < 0 || setuid(NOBODY) < 0)
                        _exit(3);
                r.rc = master_probe(address, r.msg, sizeof(r.msg));
                _exit(write(p[1], &r, sizeof(r)) == (ssize_t)sizeof(r) ? 0 : 4);
        }
        close(p[1]);
        ssize_t n = read(p[0], &res, sizeof(res));
        close(p[0]);
        int status = 0;
        assert_int_equal(pid, waitpid(pid, &status, 0));
        assert_true(WIFEXITED(status));
        assert_int_equal(0, WEXITSTATUS(status));
        assert_int_equal((ssize_t)sizeof(res), n);
        return res;
}

static void assert_contains(const char *haystack, const char *needle)
{
        if (!strstr(haystack, needle))
                fail_msg("expected \"%s\" in \"%s\"", needle, haystack);
}

static void test_listening_socket_accepts(void **state)
{
        struct fx *f = *state;
        char addr[160], msg[512];
        snprintf(f->path, sizeof(f->path), "%s/master", f->dir);
        f->lfd = make_socket(f->path, true);

        snprintf(addr, sizeof(addr), "unix:%s", f->path);
        assert_int_equal(0, master_probe(addr, msg, sizeof(msg)));
        assert_contains(msg, f->path);
        assert_contains(msg, "accepts connections");
        /* A bare path means the same socket. */
        assert_int_equal(0, master_probe(f->path, msg, sizeof(msg)));
        assert_contains(msg, "accepts connections");
}

static void test_missing_socket(void **state)
{
        struct fx *f = *state;
        char addr[160], msg[512];
        snprintf(f->path, sizeof(f->path), "%s/no-such-dir/master", f->dir);
        snprintf(addr, sizeof(addr), "unix:%s", f->path);
        assert_int_equal(ENOENT, master_probe(addr, msg, sizeof(msg)));
        assert_contains(msg, f->path);
        assert_contains(msg, "snmpd is not running");
        assert_contains(msg, "'master agentx'");
}

static void test_stale_socket(void **state)
{
        struct fx *f = *state;
        char msg[512];
        snprintf(f->path, sizeof(f->path), "%s/master", f->dir);
        close(make_socket(f->path, false)); /* the file stays, nobody listens: a dead snmpd's */
        struct stat st;
        assert_int_equal(0, stat(f->path, &st));
        assert_true(S_ISSOCK(st.st_mode));

        assert_int_equal(ECONNREFUSED, master_probe(f->path, msg, sizeof(msg)));
        assert_contains(msg, f->path);
        assert_contains(msg, "stale");
}

static void test_plain_file(void **state)
{
        struct fx *f = *state;
        char msg[512];
        snprintf(f->path, sizeof(f->path), "%s/master", f->dir);
        FILE *fp = fopen(f->path, "w");
        assert_non_null(fp);
        fclose(fp);
        assert_int_equal(ECONNREFUSED, master_probe(f->path, msg, sizeof(msg)));
        assert_contains(msg, "is not a socket");
}

/* The socket listens, but sits in a 0700 directory of another user (root's, as /var/agentx is
 * after a stock snmpd start). */
static void test_directory_not_searchable(void **state)
{
        struct fx *f = *state;
        char addr[160];
        assert_int_equal(0, mkdir(f->sub, 0700));
        snprintf(f->path, sizeof(f->path), "%s/master", f->sub);
        f->lfd = make_socket(f->path, true);
        assert_int_equal(0, chmod(f->path, 0666)); /* the socket itself would let anyone in */
        if (geteuid() != 0)
                assert_int_equal(0, chmod(f->sub, 0)); /* deny ourselves, the owner */

        snprintf(addr, sizeof(addr), "unix:%s", f->path);
        struct result r = probe_as_other(addr);
        assert_int_equal(EACCES, r.rc);
        assert_contains(r.msg, "permission denied");
        assert_contains(r.msg, "cannot enter the directory");
        assert_contains(r.msg, f->sub);
        assert_contains(r.msg, f->path);
        assert_contains(r.msg, geteuid() == 0 ? "mode 0700" : "mode 0000");
        assert_contains(r.msg, "chmod 0711");
        assert_contains(r.msg, "agentXPerms 0660 0711 -1 ");
}

/* The directory may be entered, the socket is root's with no write bit for others (snmpd's
 * default, srwxr-xr-x). */
static void test_socket_not_writable(void **state)
{
        struct fx *f = *state;
        assert_int_equal(0, mkdir(f->sub, 0711));
        snprintf(f->path, sizeof(f->path), "%s/master", f->sub);
        f->lfd = make_socket(f->path, true);
        assert_int_equal(0, chmod(f->path, geteuid() == 0 ? 0755 : 0));

        struct result r = probe_as_other(f->path);
        assert_int_equal(EACCES, r.rc);
        assert_contains(r.msg, "permission denied on snmpd's AgentX socket");
        assert_contains(r.msg, f->path);
        assert_contains(r.msg, geteuid() == 0 ? "mode 0755" : "mode 0000");
        /* It names the group to put into agentXPerms: the one the probe ran as. */
        char want[128];
        gid_t gid = geteuid() == 0 ? NOBODY : getegid();
        struct group *g = getgrgid(gid);
        if (g)
                snprintf(want, sizeof(want), "agentXPerms 0660 0711 -1 %s'", g->gr_name);
        else
                snprintf(want, sizeof(want), "agentXPerms 0660 0711 -1 %lu'", (unsigned long)gid);
        assert_contains(r.msg, want);
}

static void test_tcp_is_not_probed(void **state)
{
        (void)state;
        char msg[512];
        assert_int_equal(-1, master_probe("tcp:localhost:705", msg, sizeof(msg)));
        assert_contains(msg, "unknown cause");
        assert_contains(msg, "tcp:localhost:705");
}

static void test_path_too_long(void **state)
{
        (void)state;
        char addr[300], msg[512];
        memset(addr, 'a', sizeof(addr) - 1);
        addr[sizeof(addr) - 1] = '\0';
        addr[0] = '/';
        assert_int_equal(ENAMETOOLONG, master_probe(addr, msg, sizeof(msg)));
        assert_contains(msg, "too long");
}

static void test_small_buffers(void **state)
{
        struct fx *f = *state;
        char small[16];
        snprintf(f->path, sizeof(f->path), "%s/absent", f->dir);
        memset(small, 'x', sizeof(small));
        assert_int_equal(ENOENT, master_probe(f->path, small, sizeof(small)));
        assert_int_equal(sizeof(small) - 1, strlen(small));
        assert_int_equal(ENOENT, master_probe(f->path, NULL, 0));
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test_setup_teardown(test_listening_socket_accepts, setup, teardown),
            cmocka_unit_test_setup_teardown(test_missing_socket, setup, teardown),
            cmocka_unit_test_setup_teardown(test_stale_socket, setup, teardown),
            cmocka_unit_test_setup_teardown(test_plain_file, setup, teardown),
            cmocka_unit_test_setup_teardown(test_directory_not_searchable, setup, teardown),
            cmocka_unit_test_setup_teardown(test_socket_not_writable, setup, teardown),
            cmocka_unit_test_setup_teardown(test_tcp_is_not_probed, setup, teardown),
            cmocka_unit_test_setup_teardown(test_path_too_long, setup, teardown),
            cmocka_unit_test_setup_teardown(test_small_buffers, setup, teardown),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
