/* Running one child for a collector (see runner.h): everything prepared before fork, a child side
 * made of async-signal-safe calls only, then a poll(2) loop over the output pipes, the cancel fd
 * and a pidfd until the child has exited, its group is killed and it is reaped. */
#include "core/runner.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* The ids calls that take 32-bit ids where a 16-bit legacy variant also exists. */
#ifdef SYS_setgroups32
#define SYS_SETGROUPS SYS_setgroups32
#define SYS_SETRESGID SYS_setresgid32
#define SYS_SETRESUID SYS_setresuid32
#else
#define SYS_SETGROUPS SYS_setgroups
#define SYS_SETRESGID SYS_setresgid
#define SYS_SETRESUID SYS_setresuid
#endif

#define READ_CHUNK   16384
#define EXIT_POLL_MS 10 /* how often to look for the exit without a pidfd (kernels before 5.3) */

struct capture {
        int fd; /* read end, non-blocking; -1 after EOF */
        struct runner_output o;
        size_t alloc; /* size of o.data, its NUL included */
        struct runner_cap cap;
        bool in_line; /* the last kept byte was not '\n' */
        bool full;    /* nothing more is kept */
};

/* Everything the child needs, ready before fork: it may not allocate. */
struct child_plan {
        char *const *argv;
        char *const *envp;
        int devnull, out_w, err_w, report_w;
        bool set_ids;
        uid_t uid;
        gid_t gid;
        int fd_limit; /* where the close loop stops without close_range() */
        pid_t parent;
};

struct run {
        const struct runner_spec *spec;
        char **envp;
        struct capture out, err;
        int devnull, out_w, err_w, report_r, report_w, pidfd;
        pid_t pid;
        bool exited, termed, killed;
        int64_t start, deadline, kill_at, drain_until;
        struct runner_result res;
};

static int64_t now_ms(void)
{
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void close_fd(int *fd)
{
        if (*fd >= 0)
                close(*fd);
        *fd = -1;
}

static int capture_init(struct capture *c, const struct runner_cap *cap)
{
        c->fd = -1;
        c->cap = *cap;
        c->alloc = (cap->max_bytes < 4096 ? cap->max_bytes : 4096) + 1;
        c->o.data = malloc(c->alloc);
        if (!c->o.data)
                return -ENOMEM;
        c->o.data[0] = '\0';
        return 0;
}

static bool capture_grow(struct capture *c, size_t need)
{
        if (need <= c->alloc)
                return true;
        /* need never exceeds max_bytes + 1 */
        size_t limit = c->cap.max_bytes == SIZE_MAX ? SIZE_MAX : c->cap.max_bytes + 1;
        size_t n = c->alloc;
        while (n < need)
                n = n > limit / 2 ? limit : n * 2;
        char *p = realloc(c->o.data, n);
        if (!p)
                return false;
        c->o.data = p;
        c->alloc = n;
        return true;
}

/* Keep what fits under both caps; count and drop the rest, so the child never blocks on us. */
static void capture_add(struct capture *c, const char *p, size_t n)
{
        c->o.total += n;
        size_t keep = 0, lines = c->o.lines;
        bool in_line = c->in_line;
        if (!c->full) {
                while (keep < n && c->o.len + keep < c->cap.max_bytes) {
                        if (!in_line) {
                                if (lines == c->cap.max_lines)
                                        break;
                                lines++;
                                in_line = true;
                        }
                        if (p[keep++] == '\n')
                                in_line = false;
                }
        }
        if (keep > 0 && !capture_grow(c, c->o.len + keep + 1))
                keep = 0;
        if (keep > 0) {
                memcpy(c->o.data + c->o.len, p, keep);
                c->o.len += keep;
                c->o.data[c->o.len] = '\0';
                c->o.lines = lines;
                c->in_line = in_line;
        }
        if (keep < n) {
                c->full = true;
                c->o.truncated = true;
        }
}

static void capture_read(struct capture *c)
{
        char buf[READ_CHUNK];
        ssize_t n = read(c->fd, buf, sizeof(buf));
        if (n > 0)
                capture_add(c, buf, (size_t)n);
        else if (n == 0 || (errno != EINTR && errno != EAGAIN))
                close_fd(&c->fd);
}

/* Child side. Between fork and exec only async-signal-safe calls: another thread of the parent
 * may have held a malloc or stdio lock at the fork. */

static _Noreturn void child_fail(int report_fd, int err)
{
        ssize_t n = write(report_fd, &err, sizeof(err));
        (void)n; /* if even this fails the parent sees EOF and then exit status 127 */
        _exit(127);
}

/* 0, 1 and 2 are about to be overwritten: nothing we still need may sit there. */
static int fd_above_stdio(int fd)
{
        return fd > STDERR_FILENO ? fd : fcntl(fd, F_DUPFD_CLOEXEC, STDERR_FILENO + 1);
}

static _Noreturn void child_exec(const struct child_plan *p)
{
        int report = p->report_w;

        /* Signals are all blocked (runner_run did it before fork), so no handler of the parent
         * runs here while the dispositions are reset; exec alone would keep SIG_IGN ones. */
        struct sigaction dfl;
        memset(&dfl, 0, sizeof(dfl));
        dfl.sa_handler = SIG_DFL;
        for (int sig = 1; sig < _NSIG; sig++) {
                if (sig == SIGKILL || sig == SIGSTOP)
                        continue;
                if (sigaction(sig, &dfl, NULL) < 0) {
                        /* glibc keeps 32 and 33 for itself and refuses them, but a parent may
                         * have left them ignored (seen under dpkg-buildpackage), and exec keeps
                         * an ignored signal ignored: reset them with the raw system call. */
                        struct {
                                void (*handler)(int);
                                unsigned long flags;
                                void (*restorer)(void);
                                uint64_t mask;
                        } kdfl = {SIG_DFL, 0, NULL, 0};
                        (void)syscall(SYS_rt_sigaction, sig, &kdfl, NULL, sizeof(kdfl.mask));
                }
        }

        if (setpgid(0, 0) < 0)
                child_fail(report, errno);

        int r = fd_above_stdio(report);
        if (r < 0)
                child_fail(report, errno);
        report = r;
        int in = fd_above_stdio(p->devnull), out = fd_above_stdio(p->out_w),
            err = fd_above_stdio(p->err_w);
        if (in < 0 || out < 0 || err < 0)
                child_fail(report, errno);
        if (dup2(in, STDIN_FILENO) < 0 || dup2(out, STDOUT_FILENO) < 0 ||
            dup2(err, STDERR_FILENO) < 0)
                child_fail(report, errno);
        /* The report pipe goes to 3 (close-on-exec) so one range closes everything else. */
        if (report != 3) {
                if (dup3(report, 3, O_CLOEXEC) < 0)
                        child_fail(report, errno);
                report = 3;
        }
        if (close_range(4, ~0U, 0) < 0)
                for (int fd = 4; fd < p->fd_limit; fd++)
                        (void)close(fd);

        if (chdir("/") < 0)
                child_fail(report, errno);

        /* Raw syscalls: they change this one thread, which is all a forked child has, without
         * libc's all-threads broadcast. Groups first, uid last: each step needs the privilege the
         * next one drops. */
        if (p->set_ids) {
                gid_t groups[1] = {p->gid};
                if (syscall(SYS_SETGROUPS, 1, groups) < 0 ||
                    syscall(SYS_SETRESGID, p->gid, p->gid, p->gid) < 0 ||
                    syscall(SYS_SETRESUID, p->uid, p->uid, p->uid) < 0)
                        child_fail(report, errno);
        }

        /* After the id change, which clears it. If the parent died before this, nobody is left
         * to reap or kill us: go. */
        (void)prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != p->parent)
                _exit(127);

        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        execve(p->argv[0], p->argv, p->envp);
        child_fail(report, errno);
}

/* Parent side. */

static int check_spec(const struct runner_spec *spec, size_t *ret_n_env)
{
        if (!spec || !spec->argv || !spec->argv[0] || spec->argv[0][0] != '/' ||
            spec->timeout_ms == 0)
                return -EINVAL;
        size_t n = 0;
        for (; spec->env && spec->env[n]; n++) {
                const char *e = spec->env[n];
                const char *eq = strchr(e, '=');
                if (!eq || eq == e || strncmp(e, "PATH=", 5) == 0)
                        return -EINVAL;
        }
        if (spec->cancel_fd >= 0) {
                struct pollfd pfd = {.fd = spec->cancel_fd, .events = POLLIN};
                int k = poll(&pfd, 1, 0);
                if (k < 0)
                        return -errno;
                if (pfd.revents & POLLNVAL)
                        return -EBADF;
                if (k > 0)
                        return -ECANCELED; /* stop was asked before we started: start nothing */
        }
        *ret_n_env = n;
        return 0;
}

/* Pipes: O_CLOEXEC so a fork in another thread does not keep them open past its exec. The read
 * end of an output pipe is non-blocking so the loop and the drain never stall on it; the child
 * gets a blocking write end. */
static int open_pipe(int *ret_r, int *ret_w, bool nonblock_r)
{
        int p[2];
        if (pipe2(p, O_CLOEXEC) < 0)
                return -errno;
        int fl = nonblock_r ? fcntl(p[0], F_GETFL) : 0;
        if (fl < 0 || (nonblock_r && fcntl(p[0], F_SETFL, fl | O_NONBLOCK) < 0)) {
                int r = -errno;
                close(p[0]);
                close(p[1]);
                return r;
        }
        *ret_r = p[0];
        *ret_w = p[1];
        return 0;
}

static int fd_limit(void)
{
        /* The hard limit: fds above a lowered soft limit may still be open. */
        struct rlimit rl;
        if (getrlimit(RLIMIT_NOFILE, &rl) < 0 || rl.rlim_max == RLIM_INFINITY ||
            rl.rlim_max > INT_MAX)
                return INT_MAX;
        return (int)rl.rlim_max;
}

static int prepare(struct run *r, size_t n_env)
{
        const struct runner_spec *spec = r->spec;
        r->envp = calloc(n_env + 2, sizeof(*r->envp));
        if (!r->envp)
                return -ENOMEM;
        r->envp[0] = RUNNER_PATH;
        for (size_t i = 0; i < n_env; i++)
                r->envp[i + 1] = (char *)spec->env[i];

        int e = capture_init(&r->out, &spec->out);
        if (e == 0)
                e = capture_init(&r->err, &spec->err);
        if (e < 0)
                return e;

        r->devnull = open("/dev/null", O_RDONLY | O_CLOEXEC | O_NOCTTY);
        if (r->devnull < 0)
                return -errno;
        e = open_pipe(&r->out.fd, &r->out_w, true);
        if (e == 0)
                e = open_pipe(&r->err.fd, &r->err_w, true);
        if (e == 0)
                e = open_pipe(&r->report_r, &r->report_w, false);
        return e;
}

static int spawn(struct run *r)
{
        struct child_plan plan = {
            .argv = (char *const *)r->spec->argv,
            .envp = r->envp,
            .devnull = r->devnull,
            .out_w = r->out_w,
            .err_w = r->err_w,
            .report_w = r->report_w,
            .set_ids = r->spec->set_ids,
            .uid = r->spec->uid,
            .gid = r->spec->gid,
            .fd_limit = fd_limit(),
            .parent = getpid(),
        };

        /* Blocked across fork so that none of our handlers runs in the child before it resets
         * them; the child unblocks everything just before exec. */
        sigset_t all, old;
        sigfillset(&all);
        pthread_sigmask(SIG_SETMASK, &all, &old);
        r->start = now_ms();
        pid_t pid = fork();
        if (pid == 0)
                child_exec(&plan);
        int fork_errno = errno;
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        if (pid < 0)
                return -fork_errno;
        r->pid = pid;
        /* Also here, so the group exists before we might signal it, whichever runs first; fails
         * harmlessly (EACCES) once the child has exec'd. */
        (void)setpgid(pid, pid);

        close_fd(&r->devnull);
        close_fd(&r->out_w);
        close_fd(&r->err_w);
        close_fd(&r->report_w);

        /* Blocks until EOF, when the exec closed the report pipe, or an int: the child failed
         * before or in exec. Either comes at once: the child does nothing slow before exec. */
        int child_errno = 0;
        ssize_t n;
        do
                n = read(r->report_r, &child_errno, sizeof(child_errno));
        while (n < 0 && errno == EINTR);
        int e = n < 0 ? -errno : 0;
        close_fd(&r->report_r);
        if (n == (ssize_t)sizeof(child_errno))
                return child_errno > 0 ? -child_errno : -EIO;
        return e;
}

/* The group for its members, the child itself in case it left the group. Both ids are safe to
 * signal until the child is reaped: its pid, and so its group's id, cannot be reused before. */
static void signal_child(const struct run *r, int sig)
{
        (void)kill(-r->pid, sig);
        (void)kill(r->pid, sig);
}

static void terminate(struct run *r, int64_t now)
{
        signal_child(r, SIGTERM);
        signal_child(r, SIGCONT); /* a stopped member would sit on its SIGTERM */
        r->termed = true;
        r->kill_at = now + r->spec->grace_ms;
}

/* Whether the child has exited, without reaping it: while it is a zombie its pid still names our
 * group, so the final group kill cannot hit a stranger. */
static int child_exited(const struct run *r, bool *ret_exited)
{
        siginfo_t si;
        memset(&si, 0, sizeof(si));
        while (waitid(P_PID, (id_t)r->pid, &si, WEXITED | WNOHANG | WNOWAIT) < 0)
                if (errno != EINTR)
                        return -errno;
        *ret_exited = si.si_pid == r->pid;
        return 0;
}

static int add_pollfd(struct pollfd *pfd, int *n, int fd)
{
        if (fd < 0)
                return -1;
        pfd[*n] = (struct pollfd){.fd = fd, .events = POLLIN};
        return (*n)++;
}

static int poll_timeout(int64_t wake, int64_t now)
{
        if (wake == INT64_MAX)
                return -1;
        if (wake <= now)
                return 0;
        return wake - now > INT_MAX ? INT_MAX : (int)(wake - now);
}

/* Until the child has exited and its pipes are at EOF or have had their drain. */
static int wait_child(struct run *r)
{
        int cancel_fd = r->spec->cancel_fd;
        for (;;) {
                int64_t now = now_ms();
                if (!r->exited && r->pidfd < 0) {
                        int e = child_exited(r, &r->exited);
                        if (e < 0)
                                return e;
                        if (r->exited)
                                r->drain_until = now + RUNNER_DRAIN_MS;
                }
                if (r->exited) {
                        if ((r->out.fd < 0 && r->err.fd < 0) || now >= r->drain_until)
                                return 0;
                } else {
                        if (!r->termed && now >= r->deadline) {
                                r->res.timed_out = true;
                                terminate(r, now);
                        }
                        if (r->termed && !r->killed && now >= r->kill_at) {
                                signal_child(r, SIGKILL);
                                r->killed = true;
                        }
                }

                int64_t wake = INT64_MAX;
                if (r->exited)
                        wake = r->drain_until;
                else if (!r->termed)
                        wake = r->deadline;
                else if (!r->killed)
                        wake = r->kill_at;
                if (!r->exited && r->pidfd < 0 && wake > now + EXIT_POLL_MS)
                        wake = now + EXIT_POLL_MS;

                struct pollfd pfd[4];
                int n = 0;
                int i_out = add_pollfd(pfd, &n, r->out.fd);
                int i_err = add_pollfd(pfd, &n, r->err.fd);
                int i_pid = add_pollfd(pfd, &n, r->exited ? -1 : r->pidfd);
                int i_cancel = add_pollfd(pfd, &n, r->exited || r->termed ? -1 : cancel_fd);
                if (poll(pfd, (nfds_t)n, poll_timeout(wake, now)) < 0) {
                        if (errno == EINTR)
                                continue;
                        return -errno;
                }

                if (i_out >= 0 && pfd[i_out].revents)
                        capture_read(&r->out);
                if (i_err >= 0 && pfd[i_err].revents)
                        capture_read(&r->err);
                /* Any event counts: a closed or broken cancel fd must not leave us spinning. */
                if (i_cancel >= 0 && pfd[i_cancel].revents) {
                        r->res.cancelled = true;
                        terminate(r, now_ms());
                }
                if (i_pid >= 0 && pfd[i_pid].revents) {
                        int e = child_exited(r, &r->exited);
                        if (e < 0)
                                return e;
                        if (r->exited)
                                r->drain_until = now_ms() + RUNNER_DRAIN_MS;
                }
        }
}

/* Kill what is left of the group while the zombie still holds its id, then reap. */
static void reap(struct run *r)
{
        signal_child(r, SIGKILL);
        int status = 0;
        pid_t w;
        do
                w = waitpid(r->pid, &status, 0);
        while (w < 0 && errno == EINTR);
        int64_t dt = now_ms() - r->start;
        r->res.duration_ms = dt < 0 ? 0 : (uint64_t)dt;
        r->res.pid = r->pid;
        if (w == r->pid && WIFSIGNALED(status))
                r->res.term_signal = WTERMSIG(status);
        else if (w == r->pid && WIFEXITED(status))
                r->res.exit_code = WEXITSTATUS(status);
        r->pid = 0;
}

static void run_cleanup(struct run *r)
{
        close_fd(&r->devnull);
        close_fd(&r->out_w);
        close_fd(&r->err_w);
        close_fd(&r->report_r);
        close_fd(&r->report_w);
        close_fd(&r->out.fd);
        close_fd(&r->err.fd);
        close_fd(&r->pidfd);
        free(r->envp);
        free(r->out.o.data);
        free(r->err.o.data);
}

/* A program that is not there (zpool on a host without ZFS, at every zpool run) or that nobody
 * may execute fails here, with the errno execve() would give, instead of in a forked child. Such
 * a child is a copy of this whole process with only the forking thread in it, and it ends with
 * _exit(): under valgrind that exit runs a leak check of the copy, in which every buffer another
 * thread held in its registers at the fork (a collector mid-poll) is unreachable and reported as
 * definitely lost. It also saves a fork per run. The exec still checks for itself, as the target
 * user when set_ids: a program that changes in between fails there, as before. */
static int check_program(const char *path)
{
        struct stat st;
        if (stat(path, &st) < 0)
                return -errno;
        if (!S_ISREG(st.st_mode))
                return -EACCES;
        if (faccessat(AT_FDCWD, path, X_OK, AT_EACCESS) < 0)
                return -errno;
        return 0;
}

int runner_run(const struct runner_spec *spec, struct runner_result *ret_result)
{
        size_t n_env = 0;
        int e = check_spec(spec, &n_env);
        if (e == 0)
                e = check_program(spec->argv[0]);
        if (e < 0)
                return e;

        struct run r = {.spec = spec};
        r.devnull = r.out_w = r.err_w = r.report_r = r.report_w = r.pidfd = -1;
        r.out.fd = r.err.fd = -1;
        e = prepare(&r, n_env);
        if (e == 0)
                e = spawn(&r);
        if (e < 0) {
                if (r.pid > 0)
                        reap(&r); /* a child that failed before exec */
                run_cleanup(&r);
                return e;
        }
        r.deadline = r.start + spec->timeout_ms;

#ifdef SYS_pidfd_open
        r.pidfd = (int)syscall(SYS_pidfd_open, r.pid, 0);
        /* pidfds are always close-on-exec. Without them (before 5.3) we look every few ms. */
        if (r.pidfd < 0 && errno != ENOSYS)
                e = -errno;
#endif
        if (e == 0)
                e = wait_child(&r);
        reap(&r);
        if (e < 0) {
                run_cleanup(&r);
                return e;
        }
        r.res.out = r.out.o;
        r.res.err = r.err.o;
        r.out.o.data = r.err.o.data = NULL;
        run_cleanup(&r);
        *ret_result = r.res;
        return 0;
}

void runner_result_free(struct runner_result *result)
{
        if (!result)
                return;
        free(result->out.data);
        free(result->err.data);
        memset(result, 0, sizeof(*result));
}
