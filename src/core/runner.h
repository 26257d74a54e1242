/* The one way srvhealthd runs a child (zpool, exec checks): argv without a shell, a cleared
 * environment, its own process group, no inherited fds or signal state, stdout and stderr captured
 * with caps, a deadline and a cancel fd that kill the whole group, and the child always reaped. */
#ifndef SRVH_RUNNER_H
#define SRVH_RUNNER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/*
 * Contract of runner_run().
 *
 * What the child gets:
 *  - execve(argv[0], argv, envp): no shell, no PATH search; argv[0] must be absolute.
 *  - envp = RUNNER_PATH, then spec->env in order. Nothing of the parent's environment.
 *  - stdin from /dev/null; stdout and stderr each to a pipe read by the runner.
 *  - cwd "/", an empty signal mask, every disposition SIG_DFL, its own process group (pgid = its
 *    pid), and PR_SET_PDEATHSIG SIGKILL so it dies if the calling thread does.
 *  - if spec->set_ids: setgroups({gid}), then real/effective/saved gid, then uid (setresgid,
 *    setresuid); a failure aborts the child before exec.
 * What it never inherits: any fd but 0/1/2 (closed with close_range(), or a loop to the fd limit
 * on kernels without it), the parent's signal mask or ignored signals, the parent's environment.
 * Rlimits, umask and the scheduling class are inherited.
 *
 * Timing: spec->timeout_ms counts on CLOCK_MONOTONIC from the fork (a relative timeout, not an
 * absolute time). At the deadline, or when spec->cancel_fd becomes readable, the group (and the
 * child itself, should it have left the group) gets SIGTERM and SIGCONT, then SIGKILL grace_ms
 * later if the child has not exited. Once the child has exited, the pipes get up to
 * RUNNER_DRAIN_MS to reach EOF (a grandchild may hold them open); then whatever is left of the
 * group gets SIGKILL, the pipes are closed and the child is reaped. It is reaped last because until
 * then its pid keeps the group id from being reused, so the group kill cannot hit a stranger. The
 * runner returns only after the reap: it leaves no zombie and nothing in the child's group. The
 * cancel fd is polled, never read: its owner reads it.
 *
 * Limits: a grandchild that calls setsid() or setpgid() leaves the group and is not killed; the
 * runner still returns after the drain, closing its read ends (the grandchild's writes then fail
 * with EPIPE). A
 * process in uninterruptible sleep (zpool on a hung pool) cannot be killed: the runner waits for
 * it to be reaped, so that caller's thread waits too. The process must not set SIGCHLD to SIG_IGN
 * and no other thread may waitpid(-1) or waitpid(0): either would steal the child.
 *
 * Thread safety: no global state; every fd the runner opens is O_CLOEXEC, so a fork in another
 * thread does not keep a pipe open past its exec. Never calls net-snmp, never logs.
 */

#define RUNNER_PATH              "PATH=/usr/sbin:/usr/bin:/sbin:/bin"
#define RUNNER_GRACE_MS_DEFAULT  1000u
#define RUNNER_DRAIN_MS          100 /* after the child's exit, for pipes a grandchild holds */
#define RUNNER_MAX_BYTES_DEFAULT 65536u
#define RUNNER_MAX_LINES_DEFAULT 1024u

/* How much of one stream is kept. Both caps are literal: 0 keeps nothing, SIZE_MAX no cap. */
struct runner_cap {
        size_t max_bytes;
        size_t max_lines; /* a line ends with '\n'; an unterminated last piece counts as one */
};

/* What to run. Its pointers are borrowed for the duration of the call only. Start from
 * RUNNER_SPEC_INIT: a zeroed spec would poll fd 0 as its cancel fd. */
struct runner_spec {
        const char *const *argv; /* NULL-terminated; argv[0] an absolute path */
        const char *const *env;  /* extra "NAME=VALUE" entries, NULL-terminated, or NULL */
        unsigned timeout_ms;     /* > 0: from the call to SIGTERM */
        unsigned grace_ms;       /* from SIGTERM to SIGKILL */
        int cancel_fd;           /* readable = stop now (an eventfd); -1 for none */
        bool set_ids;            /* drop to uid/gid (needs CAP_SETUID/CAP_SETGID) */
        uid_t uid;
        gid_t gid;
        struct runner_cap out, err;
};

#define RUNNER_SPEC_INIT                                                                           \
        {                                                                                          \
                .grace_ms = RUNNER_GRACE_MS_DEFAULT, .cancel_fd = -1,                              \
                .out = {RUNNER_MAX_BYTES_DEFAULT, RUNNER_MAX_LINES_DEFAULT},                       \
                .err = {RUNNER_MAX_BYTES_DEFAULT, RUNNER_MAX_LINES_DEFAULT},                       \
        }

/* One captured stream, raw: the bytes may contain NULs and invalid UTF-8 (sanitising is the
 * caller's job). data is malloc'd, owned by the result, with a NUL after len not counted in it. */
struct runner_output {
        char *data;
        size_t len;
        size_t lines;   /* lines kept */
        size_t total;   /* bytes the child wrote, kept or not */
        bool truncated; /* a cap was hit (or memory ran out): bytes were read and discarded */
};

/* How the child ended. term_signal != 0: killed by that signal; otherwise exit_code is its exit
 * status. timed_out and cancelled say the runner sent the SIGTERM, and why. */
struct runner_result {
        pid_t pid; /* as it was: reaped, so the number may already be reused */
        int exit_code;
        int term_signal;
        bool timed_out;
        bool cancelled;
        uint64_t duration_ms; /* from the fork to the reap */
        struct runner_output out, err;
};

/* Run spec and wait for the child as above. Returns 0 with *ret_result filled when the child was
 * started and reaped, whatever its fate (see exit_code, term_signal, timed_out, cancelled), or
 * -errno and *ret_result untouched:
 *   -EINVAL     bad spec (no argv, relative argv[0], timeout_ms 0, an env entry without "=" or
 *               setting PATH);
 *   -EBADF      cancel_fd is not an open fd;
 *   -ECANCELED  cancel_fd was already readable: nothing was started;
 *   -ENOENT, -EACCES  argv[0] does not exist, is not a regular file or may not be executed:
 *               found before any fork, so no child is started;
 *   -ENOENT, -EACCES, -ENOEXEC, -EPERM, ...  the child could not be set up or exec'd (reported by
 *               the child before exec, never as an exit code; the child is reaped);
 *   -ENOMEM, -EMFILE, -EAGAIN, ...  the runner could not start it. */
int runner_run(const struct runner_spec *spec, struct runner_result *ret_result);

/* Free the buffers and zero the result. Accepts NULL, a zeroed and a half-built result. */
void runner_result_free(struct runner_result *result);

#endif
