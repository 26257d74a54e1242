/* The child runner (src/core/runner.c) on real children: /bin/sh, coreutils and
 * tests/tools/runner_probe, which prints what the child inherited. Timing is only checked as a
 * hang guard (HANG_MS): the machine running the tests may be slow or busy. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/filter.h>
#include <linux/seccomp.h>

#include <cmocka.h>

#include "core/runner.h"

#ifndef SRVH_RUNNER_PROBE
#error "tests/CMakeLists.txt must define SRVH_RUNNER_PROBE"
#endif

#define HANG_MS 10000 /* far above any sane run, far below the sleeps the children would do */

static int64_t now_ms(void)
{
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static struct runner_spec spec_for(const char *const *argv)
{
        struct runner_spec s = RUNNER_SPEC_INIT;
        s.argv = argv;
        s.timeout_ms = 20000;
        return s;
}

static void run_ok(const struct runner_spec *spec, struct runner_result *res)
{
        int r = runner_run(spec, res);
        if (r != 0)
                fail_msg("runner_run: %s", strerror(-r));
}

/* The runner reaps what it starts: the test process has no child left over. */
static void assert_no_children(void)
{
        assert_int_equal(waitpid(-1, NULL, WNOHANG), -1);
        assert_int_equal(errno, ECHILD);
}

/* Whether /proc says pid is gone or a zombie: for runs where pidfd_open is missing (valgrind). */
static bool process_dead(pid_t pid)
{
        char path[64], buf[512];
        snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
        FILE *f = fopen(path, "r");
        if (!f)
                return true;
        size_t n = fread(buf, 1, sizeof(buf) - 1, f);
        fclose(f);
        buf[n] = '\0';
        const char *paren = strrchr(buf, ')'); /* "pid (comm) S ..." */
        return !paren || paren[1] == '\0' || paren[2] == 'Z' || paren[2] == 'X';
}

/* Whether pid has exited (a zombie nobody reaped counts) within ms. */
static bool process_gone_within(pid_t pid, int ms)
{
        int fd = (int)syscall(SYS_pidfd_open, pid, 0);
        if (fd < 0 && errno == ENOSYS) {
                for (int waited = 0; waited < ms; waited += 10) {
                        if (process_dead(pid))
                                return true;
                        struct timespec ts = {.tv_nsec = 10 * 1000000};
                        nanosleep(&ts, NULL);
                }
                return process_dead(pid);
        }
        if (fd < 0)
                return errno == ESRCH;
        struct pollfd p = {.fd = fd, .events = POLLIN};
        int k = poll(&p, 1, ms);
        close(fd);
        return k == 1;
}

/* "PID\nREST": the pid a script printed first with echo $!, and *rest after its line. */
static pid_t leading_pid(const struct runner_result *res, const char **rest)
{
        char *end;
        long pid = strtol(res->out.data, &end, 10);
        assert_true(pid > 1);
        assert_int_equal(*end, '\n');
        if (rest)
                *rest = end + 1;
        return (pid_t)pid;
}

static int count_fds(void)
{
        int n = 0;
        for (int fd = 0; fd < 4096; fd++)
                if (fcntl(fd, F_GETFD) >= 0)
                        n++;
        return n;
}

static void test_run_captures_stdout_and_stderr_separately(void **state)
{
        (void)state;
        const char *argv[] = {"/bin/sh", "-c", "echo out; echo err >&2; echo out2", NULL};
        struct runner_spec spec = spec_for(argv);
        struct runner_result res;
        run_ok(&spec, &res);
        assert_string_equal(res.out.data, "out\nout2\n");
        assert_int_equal(res.out.len, 9);
        assert_int_equal(res.out.lines, 2);
        assert_string_equal(res.err.data, "err\n");
        assert_int_equal(res.err.lines, 1);
        assert_false(res.out.truncated);
        assert_false(res.err.truncated);
        runner_result_free(&res);
}

static void test_run_reports_exit_code(void **state)
{
        (void)state;
        const char *argv[] = {"/bin/sh", "-c", "exit 3", NULL};
        struct runner_spec spec = spec_for(argv);
        struct runner_result res;
        run_ok(&spec, &res);
        assert_int_equal(res.exit_code, 3);
        assert_int_equal(res.term_signal, 0);
        assert_false(res.timed_out);
        assert_false(res.cancelled);
        assert_no_children();
        runner_result_free(&res);
}

static void test_run_reports_death_by_signal(void **state)
{
        (void)state;
        const char *argv[] = {"/bin/sh", "-c", "kill -USR1 $$", NULL};
        struct runner_spec spec = spec_for(argv);
        struct runner_result res;
        run_ok(&spec, &res);
        assert_int_equal(res.term_signal, SIGUSR1);
        assert_int_equal(res.exit_code, 0);
        assert_false(res.timed_out);
        runner_result_free(&res);
}

static void test_run_returns_soon_after_child_exits_though_grandchild_holds_pipe(void **state)
{
        (void)state;
        const char *argv[] = {"/bin/sh", "-c", "sleep 30 & echo $!; echo hi", NULL};
        struct runner_spec spec = spec_for(argv);
        struct runner_result res;
        int64_t t0 = now_ms();
        run_ok(&spec, &res);
        assert_true(now_ms() - t0 < HANG_MS);
        const char *rest;
        pid_t grandchild = leading_pid(&res, &rest);
        assert_string_equal(rest, "hi\n");
        assert_int_equal(res.exit_code, 0);
        assert_int_equal(res.term_signal, 0);
        assert_false(res.timed_out);
        assert_true(process_gone_within(grandchild, 5000));
        runner_result_free(&res);
}

static void test_run_kills_grandchild_left_in_group_with_pipes_closed(void **state)
{
        (void)state;
        const char *argv[] = {"/bin/sh", "-c", "sleep 30 >/dev/null 2>&1 & echo $!", NULL};
        struct runner_spec spec = spec_for(argv);
        struct runner_result res;
        run_ok(&spec, &res);
        pid_t grandchild = leading_pid(&res, NULL);
        assert_int_equal(res.exit_code, 0);
        assert_true(process_gone_within(grandchild, 5000));
        runner_result_free(&res);
}

static void test_run_caps_10mb_of_output_and_child_is_not_blocked(void **state)
{
        (void)state;
        const char *argv[] = {"/usr/bin/head", "-c", "10000000", "/dev/zero", NULL};
        struct runner_spec spec = spec_for(argv);
        spec.out = (struct runner_cap){65536, SIZE_MAX};
        struct rusage before, after;
        getrusage(RUSAGE_SELF, &before);
        struct runner_result res;
        run_ok(&spec, &res);
        getrusage(RUSAGE_SELF, &after);
        assert_int_equal(res.out.len, 65536);
        assert_true(res.out.truncated);
        assert_int_equal(res.out.total, 10000000); /* read to the end: head was never stuck */
        assert_int_equal(res.exit_code, 0);
        assert_int_equal(res.term_signal, 0);
        assert_false(res.timed_out);
        assert_true(after.ru_maxrss - before.ru_maxrss < 5 * 1024); /* KiB: far below 10 MB */
        runner_result_free(&res);
}

static void test_run_keeps_all_output_written_just_before_exit(void **state)
{
        (void)state;
        const char *argv[] = {"/usr/bin/head", "-c", "300000", "/dev/zero", NULL};
        struct runner_spec spec = spec_for(argv);
        spec.out = (struct runner_cap){1 << 20, SIZE_MAX};
        struct runner_result res;
        run_ok(&spec, &res);
        assert_int_equal(res.out.len, 300000);
        assert_false(res.out.truncated);
        runner_result_free(&res);
}

static void test_run_keeps_nul_bytes_with_their_length(void **state)
{
        (void)state;
        const char *argv[] = {"/usr/bin/printf", "a\\000b\\000c", NULL};
        struct runner_spec spec = spec_for(argv);
        struct runner_result res;
        run_ok(&spec, &res);
        assert_int_equal(res.out.len, 5);
        assert_memory_equal(res.out.data, "a\0b\0c", 5);
        assert_int_equal(res.out.data[5], '\0');
        assert_int_equal(res.out.lines, 1);
        assert_false(res.out.truncated);
        runner_result_free(&res);
}

static void test_run_line_cap_keeps_first_lines_and_counts_the_rest(void **state)
{
        (void)state;
        const char *argv[] = {"/usr/bin/seq", "1", "100", NULL};
        struct runner_spec spec = spec_for(argv);
        spec.out.max_lines = 3;
        struct runner_result res;
        run_ok(&spec, &res);
        assert_string_equal(res.out.data, "1\n2\n3\n");
        assert_int_equal(res.out.lines, 3);
        assert_true(res.out.truncated);
        assert_int_equal(res.out.total, 9 * 2 + 90 * 3 + 4);
        runner_result_free(&res);
}

static void test_run_byte_cap_may_cut_a_line(void **state)
{
        (void)state;
        const char *argv[] = {"/usr/bin/printf", "abcdef\\nghi\\n", NULL};
        struct runner_spec spec = spec_for(argv);
        spec.out.max_bytes = 4;
        struct runner_result res;
        run_ok(&spec, &res);
        assert_int_equal(res.out.len, 4);
        assert_string_equal(res.out.data, "abcd");
        assert_int_equal(res.out.lines, 1);
        assert_true(res.out.truncated);
        runner_result_free(&res);
}

static void test_run_output_exactly_at_both_caps_is_not_truncated(void **state)
{
        (void)state;
        const char *argv[] = {"/usr/bin/seq", "1", "3", NULL};
        struct runner_spec spec = spec_for(argv);
        spec.out = (struct runner_cap){6, 3};
        struct runner_result res;
        run_ok(&spec, &res);
        assert_string_equal(res.out.data, "1\n2\n3\n");
        assert_false(res.out.truncated);
        runner_result_free(&res);
}

static void test_run_timeout_terminates_with_sigterm(void **state)
{
        (void)state;
        const char *argv[] = {"/bin/sleep", "30", NULL};
        struct runner_spec spec = spec_for(argv);
        spec.timeout_ms = 300;
        struct runner_result res;
        int64_t t0 = now_ms();
        run_ok(&spec, &res);
        assert_true(now_ms() - t0 < HANG_MS);
        assert_true(res.timed_out);
        assert_false(res.cancelled);
        assert_int_equal(res.term_signal, SIGTERM);
        assert_true(res.duration_ms >= 300);
        assert_no_children();
        runner_result_free(&res);
}

static void test_run_timeout_kills_group_ignoring_sigterm_after_grace(void **state)
{
        (void)state;
        const char *argv[] = {"/bin/sh", "-c", "trap '' TERM; sleep 30 & echo $!; wait", NULL};
        struct runner_spec spec = spec_for(argv);
        spec.timeout_ms = 300;
        spec.grace_ms = 300;
        struct runner_result res;
        int64_t t0 = now_ms();
        run_ok(&spec, &res);
        assert_true(now_ms() - t0 < HANG_MS);
        assert_true(res.timed_out);
        assert_int_equal(res.term_signal, SIGKILL);
        assert_true(process_gone_within(leading_pid(&res, NULL), 5000));
        assert_no_children();
        runner_result_free(&res);
}

struct canceller {
        int efd;
        int delay_ms;
};

static void *cancel_later(void *arg)
{
        const struct canceller *c = arg;
        struct timespec ts = {.tv_sec = c->delay_ms / 1000,
                              .tv_nsec = (long)(c->delay_ms % 1000) * 1000000};
        nanosleep(&ts, NULL);
        uint64_t one = 1;
        if (write(c->efd, &one, sizeof(one)) != sizeof(one))
                abort();
        return NULL;
}

static void test_run_cancel_fd_kills_group_and_sets_cancelled(void **state)
{
        (void)state;
        const char *argv[] = {"/bin/sh", "-c", "sleep 30 & echo $!; wait", NULL};
        struct runner_spec spec = spec_for(argv);
        struct canceller c = {.efd = eventfd(0, EFD_CLOEXEC), .delay_ms = 300};
        assert_true(c.efd >= 0);
        spec.cancel_fd = c.efd;
        pthread_t t;
        assert_int_equal(pthread_create(&t, NULL, cancel_later, &c), 0);
        struct runner_result res;
        int64_t t0 = now_ms();
        run_ok(&spec, &res);
        assert_true(now_ms() - t0 < HANG_MS);
        pthread_join(t, NULL);
        assert_true(res.cancelled);
        assert_false(res.timed_out);
        assert_int_equal(res.term_signal, SIGTERM);
        assert_true(process_gone_within(leading_pid(&res, NULL), 5000));
        assert_no_children();
        close(c.efd);
        runner_result_free(&res);
}

static void test_run_leaves_the_cancel_event_to_its_owner(void **state)
{
        (void)state;
        const char *argv[] = {"/bin/sleep", "30", NULL};
        struct runner_spec spec = spec_for(argv);
        struct canceller c = {.efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK), .delay_ms = 100};
        assert_true(c.efd >= 0);
        spec.cancel_fd = c.efd;
        pthread_t t;
        assert_int_equal(pthread_create(&t, NULL, cancel_later, &c), 0);
        struct runner_result res;
        run_ok(&spec, &res);
        pthread_join(t, NULL);
        assert_true(res.cancelled);
        uint64_t v = 0;
        assert_int_equal(read(c.efd, &v, sizeof(v)), sizeof(v));
        assert_int_equal(v, 1);
        close(c.efd);
        runner_result_free(&res);
}

static void test_run_refuses_to_start_when_already_cancelled(void **state)
{
        (void)state;
        const char *argv[] = {"/bin/true", NULL};
        struct runner_spec spec = spec_for(argv);
        spec.cancel_fd = eventfd(1, EFD_CLOEXEC);
        assert_true(spec.cancel_fd >= 0);
        struct runner_result res = {.exit_code = 42};
        assert_int_equal(runner_run(&spec, &res), -ECANCELED);
        assert_int_equal(res.exit_code, 42); /* untouched */
        assert_no_children();
        close(spec.cancel_fd);
}

static void test_run_refuses_a_closed_cancel_fd(void **state)
{
        (void)state;
        const char *argv[] = {"/bin/true", NULL};
        struct runner_spec spec = spec_for(argv);
        spec.cancel_fd = 4000; /* below the test's fd limit, never opened */
        struct runner_result res;
        assert_int_equal(runner_run(&spec, &res), -EBADF);
}

static void test_run_child_inherits_no_fds(void **state)
{
        (void)state;
        int plain = open("/dev/null", O_RDONLY); /* no O_CLOEXEC on purpose, all but one */
        int p[2];
        assert_int_equal(pipe(p), 0);
        int efd = eventfd(0, 0);
        int high = dup2(plain, 1000);
        int cloexec = open("/dev/null", O_RDONLY | O_CLOEXEC);
        assert_true(plain >= 0 && efd >= 0 && high == 1000 && cloexec >= 0);

        const char *argv[] = {SRVH_RUNNER_PROBE, "fds", NULL};
        struct runner_spec spec = spec_for(argv);
        struct runner_result res;
        run_ok(&spec, &res);
        assert_string_equal(res.out.data, "0\n1\n2\n");
        assert_int_equal(res.exit_code, 0);
        runner_result_free(&res);
        close(plain);
        close(p[0]);
        close(p[1]);
        close(efd);
        close(high);
        close(cloexec);
}

static void test_run_child_stdin_is_dev_null(void **state)
{
        (void)state;
        const char *argv[] = {SRVH_RUNNER_PROBE, "stdin", NULL};
        struct runner_spec spec = spec_for(argv);
        struct runner_result res;
        run_ok(&spec, &res);
        assert_string_equal(res.out.data, "/dev/null\n");
        runner_result_free(&res);
}

static void test_run_child_gets_only_path_and_the_extra_env(void **state)
{
        (void)state;
        assert_int_equal(setenv("SRVH_SECRET", "must-not-leak", 1), 0);
        const char *argv[] = {"/usr/bin/env", NULL};
        const char *env[] = {"LC_ALL=C", "SRVH_EXTRA=1", NULL};
        struct runner_spec spec = spec_for(argv);
        spec.env = env;
        struct runner_result res;
        run_ok(&spec, &res);
        unsetenv("SRVH_SECRET");
        assert_string_equal(res.out.data, "PATH=/usr/sbin:/usr/bin:/sbin:/bin\n"
                                          "LC_ALL=C\n"
                                          "SRVH_EXTRA=1\n");
        runner_result_free(&res);
}

static void test_run_child_has_empty_signal_mask_and_no_ignored_signals(void **state)
{
        (void)state;
        sigset_t term, old_mask;
        sigemptyset(&term);
        sigaddset(&term, SIGTERM);
        pthread_sigmask(SIG_BLOCK, &term, &old_mask);
        struct sigaction ign = {.sa_handler = SIG_IGN}, old_int;
        sigaction(SIGINT, &ign, &old_int);
        sigaction(SIGPIPE, &ign, NULL); /* as the daemon does; cmocka leaves it default */
        /* glibc's own signal 32, which its sigaction() refuses to touch: a parent such as
         * dpkg-buildpackage can leave it ignored, and exec would pass that on. */
        struct {
                void (*handler)(int);
                unsigned long flags;
                void (*restorer)(void);
                uint64_t mask;
        } kign = {SIG_IGN, 0, NULL, 0}, kold;
        assert_int_equal(syscall(SYS_rt_sigaction, 32, &kign, &kold, sizeof(kign.mask)), 0);

        const char *argv[] = {SRVH_RUNNER_PROBE, "signals", NULL};
        struct runner_spec spec = spec_for(argv);
        struct runner_result res;
        int r = runner_run(&spec, &res);

        sigaction(SIGINT, &old_int, NULL);
        signal(SIGPIPE, SIG_DFL);
        (void)syscall(SYS_rt_sigaction, 32, &kold, NULL, sizeof(kold.mask));
        pthread_sigmask(SIG_SETMASK, &old_mask, NULL);
        assert_int_equal(r, 0);
        assert_string_equal(res.out.data, "SigBlk:\t0000000000000000\n"
                                          "SigIgn:\t0000000000000000\n");
        runner_result_free(&res);
}

static void test_run_leaves_the_callers_signal_mask_as_it_was(void **state)
{
        (void)state;
        sigset_t term, old_mask, now;
        sigemptyset(&term);
        sigaddset(&term, SIGTERM);
        pthread_sigmask(SIG_BLOCK, &term, &old_mask);
        const char *argv[] = {"/bin/true", NULL};
        struct runner_spec spec = spec_for(argv);
        struct runner_result res;
        int r = runner_run(&spec, &res);
        pthread_sigmask(SIG_SETMASK, &old_mask, &now);
        assert_int_equal(r, 0);
        assert_true(sigismember(&now, SIGTERM));
        assert_false(sigismember(&now, SIGHUP));
        assert_false(sigismember(&now, SIGCHLD));
        runner_result_free(&res);
}

static void test_run_child_leads_its_own_process_group(void **state)
{
        (void)state;
        const char *argv[] = {SRVH_RUNNER_PROBE, "pgid", NULL};
        struct runner_spec spec = spec_for(argv);
        struct runner_result res;
        run_ok(&spec, &res);
        int pid = 0, pgid = 0;
        assert_int_equal(sscanf(res.out.data, "%d %d", &pid, &pgid), 2);
        assert_int_equal(pid, res.pid);
        assert_int_equal(pgid, pid);
        assert_int_not_equal(pgid, getpgrp());
        runner_result_free(&res);
}

static void test_run_reports_missing_program_as_enoent_not_exit_127(void **state)
{
        (void)state;
        const char *argv[] = {"/nonexistent/srvh-no-such-program", NULL};
        struct runner_spec spec = spec_for(argv);
        struct runner_result res;
        assert_int_equal(runner_run(&spec, &res), -ENOENT);
        assert_no_children();
}

static void test_run_reports_non_executable_file_as_eacces(void **state)
{
        (void)state;
        const char *argv[] = {"/etc/passwd", NULL}; /* mode 0644: not even root may exec it */
        struct runner_spec spec = spec_for(argv);
        struct runner_result res;
        assert_int_equal(runner_run(&spec, &res), -EACCES);
        assert_no_children();
}

static atomic_uint forks;
static void count_fork(void)
{
        atomic_fetch_add(&forks, 1);
}

/* A child that fails before its exec ends with _exit() in a one-thread copy of the caller, which
 * valgrind leak-checks and finds every other thread's buffers lost in: a program that cannot be
 * run at all is told apart without one. */
static void test_run_unrunnable_program_fails_without_a_fork(void **state)
{
        (void)state;
        static bool registered;
        if (!registered)
                assert_int_equal(pthread_atfork(count_fork, NULL, NULL), 0);
        registered = true;
        const char *missing[] = {"/nonexistent/srvh-no-such-program", NULL};
        const char *not_exec[] = {"/etc/passwd", NULL};
        const char *dir[] = {"/", NULL};
        struct runner_spec spec = spec_for(missing);
        struct runner_result res;
        atomic_store(&forks, 0);
        assert_int_equal(runner_run(&spec, &res), -ENOENT);
        spec.argv = not_exec;
        assert_int_equal(runner_run(&spec, &res), -EACCES);
        spec.argv = dir;
        assert_int_equal(runner_run(&spec, &res), -EACCES);
        assert_int_equal(atomic_load(&forks), 0);

        const char *ok[] = {"/bin/true", NULL};
        spec.argv = ok;
        run_ok(&spec, &res); /* the counter does count the runner's forks */
        runner_result_free(&res);
        assert_int_equal(atomic_load(&forks), 1);
}

static void test_run_refuses_relative_program(void **state)
{
        (void)state;
        const char *argv[] = {"sh", "-c", "true", NULL};
        struct runner_spec spec = spec_for(argv);
        struct runner_result res;
        assert_int_equal(runner_run(&spec, &res), -EINVAL);
        assert_no_children();
}

static void test_run_refuses_spec_without_deadline(void **state)
{
        (void)state;
        const char *argv[] = {"/bin/true", NULL};
        struct runner_spec spec = spec_for(argv);
        spec.timeout_ms = 0;
        struct runner_result res;
        assert_int_equal(runner_run(&spec, &res), -EINVAL);
}

static void test_run_refuses_extra_env_setting_path_or_without_equals(void **state)
{
        (void)state;
        const char *argv[] = {"/bin/true", NULL};
        const char *path[] = {"PATH=/tmp", NULL};
        const char *bare[] = {"LC_ALL", NULL};
        struct runner_spec spec = spec_for(argv);
        struct runner_result res;
        spec.env = path;
        assert_int_equal(runner_run(&spec, &res), -EINVAL);
        spec.env = bare;
        assert_int_equal(runner_run(&spec, &res), -EINVAL);
}

static void test_run_drops_to_nobody_when_root(void **state)
{
        (void)state;
        if (geteuid() != 0)
                skip(); /* CI runs as root */
        const char *argv[] = {"/bin/sh", "-c", "id -u; id -g; id -G", NULL};
        struct runner_spec spec = spec_for(argv);
        spec.set_ids = true;
        spec.uid = 65534;
        spec.gid = 65534;
        struct runner_result res;
        run_ok(&spec, &res);
        assert_string_equal(res.out.data, "65534\n65534\n65534\n");
        assert_int_equal(res.exit_code, 0);
        runner_result_free(&res);
}

static void test_run_leaks_no_fds_in_the_parent(void **state)
{
        (void)state;
        int before = count_fds();
        const char *ok[] = {"/bin/echo", "x", NULL};
        const char *missing[] = {"/nonexistent/srvh-no-such-program", NULL};
        const char *slow[] = {"/bin/sleep", "30", NULL};
        struct runner_spec spec = spec_for(ok);
        struct runner_result res;
        run_ok(&spec, &res);
        runner_result_free(&res);
        spec.argv = missing;
        assert_int_equal(runner_run(&spec, &res), -ENOENT);
        spec.argv = slow;
        spec.timeout_ms = 100;
        run_ok(&spec, &res);
        runner_result_free(&res);
        assert_int_equal(count_fds(), before);
}

#define N_THREADS 4
#define N_RUNS    8

struct worker {
        int id;
        int bad; /* runs whose result was not their own: checked on the main thread */
};

static void *run_many(void *arg)
{
        struct worker *w = arg;
        for (int k = 0; k < N_RUNS; k++) {
                char tag[32], want[40];
                snprintf(tag, sizeof(tag), "t%d-%d", w->id, k);
                snprintf(want, sizeof(want), "%s\n", tag);
                const char *echo[] = {"/bin/echo", tag, NULL};
                const char *fds[] = {SRVH_RUNNER_PROBE, "fds", NULL};
                struct runner_spec spec = spec_for(k % 2 ? fds : echo);
                struct runner_result res;
                if (runner_run(&spec, &res) != 0) {
                        w->bad++;
                        continue;
                }
                if (strcmp(res.out.data, k % 2 ? "0\n1\n2\n" : want) != 0)
                        w->bad++;
                runner_result_free(&res);
        }
        return NULL;
}

static void test_run_concurrent_runs_keep_their_pipes_to_themselves(void **state)
{
        (void)state;
        pthread_t t[N_THREADS];
        struct worker w[N_THREADS];
        for (int i = 0; i < N_THREADS; i++) {
                w[i] = (struct worker){.id = i};
                assert_int_equal(pthread_create(&t[i], NULL, run_many, &w[i]), 0);
        }
        for (int i = 0; i < N_THREADS; i++)
                pthread_join(t[i], NULL);
        for (int i = 0; i < N_THREADS; i++)
                assert_int_equal(w[i].bad, 0);
        assert_no_children();
}

/* Kernels before 5.3 (no pidfd_open) and 5.9 (no close_range): a seccomp filter on one thread
 * makes both fail with ENOSYS there and in the children it forks. */
struct fallback_run {
        bool filtered;
        int r;
        struct runner_result res;
};

static void *run_without_new_syscalls(void *arg)
{
        struct fallback_run *f = arg;
        struct sock_filter code[] = {
            BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
            BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_pidfd_open, 0, 1),
            BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
            BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_close_range, 0, 1),
            BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
            BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        };
        struct sock_fprog prog = {.len = sizeof(code) / sizeof(code[0]), .filter = code};
        if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
            prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) < 0)
                return NULL;
        f->filtered = syscall(SYS_pidfd_open, getpid(), 0) < 0 && errno == ENOSYS;
        const char *argv[] = {SRVH_RUNNER_PROBE, "fds", NULL};
        struct runner_spec spec = spec_for(argv);
        f->r = runner_run(&spec, &f->res);
        return NULL;
}

static void test_run_works_without_pidfd_and_close_range(void **state)
{
        (void)state;
        int leaked = open("/dev/null", O_RDONLY); /* no O_CLOEXEC: the close loop must get it */
        assert_true(leaked >= 0);
        struct fallback_run f = {.r = -1};
        pthread_t t;
        assert_int_equal(pthread_create(&t, NULL, run_without_new_syscalls, &f), 0);
        pthread_join(t, NULL);
        close(leaked);
        if (!f.filtered)
                skip(); /* no seccomp here: nothing to fake the old kernel with */
        assert_int_equal(f.r, 0);
        assert_string_equal(f.res.out.data, "0\n1\n2\n");
        assert_int_equal(f.res.exit_code, 0);
        assert_no_children();
        runner_result_free(&f.res);
}

static void test_result_free_accepts_null_zeroed_and_half_built(void **state)
{
        (void)state;
        runner_result_free(NULL);
        struct runner_result res;
        memset(&res, 0, sizeof(res));
        runner_result_free(&res);
        res.out.data = malloc(16);
        res.out.len = 3;
        runner_result_free(&res);
        assert_null(res.out.data);
        assert_int_equal(res.out.len, 0);
        runner_result_free(&res); /* zeroed by the first: a second free is harmless */
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_run_captures_stdout_and_stderr_separately),
            cmocka_unit_test(test_run_reports_exit_code),
            cmocka_unit_test(test_run_reports_death_by_signal),
            cmocka_unit_test(test_run_returns_soon_after_child_exits_though_grandchild_holds_pipe),
            cmocka_unit_test(test_run_kills_grandchild_left_in_group_with_pipes_closed),
            cmocka_unit_test(test_run_caps_10mb_of_output_and_child_is_not_blocked),
            cmocka_unit_test(test_run_keeps_all_output_written_just_before_exit),
            cmocka_unit_test(test_run_keeps_nul_bytes_with_their_length),
            cmocka_unit_test(test_run_line_cap_keeps_first_lines_and_counts_the_rest),
            cmocka_unit_test(test_run_byte_cap_may_cut_a_line),
            cmocka_unit_test(test_run_output_exactly_at_both_caps_is_not_truncated),
            cmocka_unit_test(test_run_timeout_terminates_with_sigterm),
            cmocka_unit_test(test_run_timeout_kills_group_ignoring_sigterm_after_grace),
            cmocka_unit_test(test_run_cancel_fd_kills_group_and_sets_cancelled),
            cmocka_unit_test(test_run_leaves_the_cancel_event_to_its_owner),
            cmocka_unit_test(test_run_refuses_to_start_when_already_cancelled),
            cmocka_unit_test(test_run_refuses_a_closed_cancel_fd),
            cmocka_unit_test(test_run_child_inherits_no_fds),
            cmocka_unit_test(test_run_child_stdin_is_dev_null),
            cmocka_unit_test(test_run_child_gets_only_path_and_the_extra_env),
            cmocka_unit_test(test_run_child_has_empty_signal_mask_and_no_ignored_signals),
            cmocka_unit_test(test_run_leaves_the_callers_signal_mask_as_it_was),
            cmocka_unit_test(test_run_child_leads_its_own_process_group),
            cmocka_unit_test(test_run_reports_missing_program_as_enoent_not_exit_127),
            cmocka_unit_test(test_run_reports_non_executable_file_as_eacces),
            cmocka_unit_test(test_run_unrunnable_program_fails_without_a_fork),
            cmocka_unit_test(test_run_refuses_relative_program),
            cmocka_unit_test(test_run_refuses_spec_without_deadline),
            cmocka_unit_test(test_run_refuses_extra_env_setting_path_or_without_equals),
            cmocka_unit_test(test_run_drops_to_nobody_when_root),
            cmocka_unit_test(test_run_leaks_no_fds_in_the_parent),
            cmocka_unit_test(test_run_concurrent_runs_keep_their_pipes_to_themselves),
            cmocka_unit_test(test_run_works_without_pidfd_and_close_range),
            cmocka_unit_test(test_result_free_accepts_null_zeroed_and_half_built),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
