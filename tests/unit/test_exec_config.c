/* The exec module's config tokens (src/exec/exec_config.c): UCD's exec/sh/extend/execfix lines
 * as snmpd.conf has them, our scheduling and output tokens, and the path check that refuses
 * relative, group/world-writable and foreign-owned commands. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/config.h"
#include "exec/exec_config.h"

struct fixture {
        void *cfg;
        char err[CONFIG_ERR_MAX];
        char dir[64];
};

static int setup(void **state)
{
        static struct fixture f;
        memset(&f, 0, sizeof(f));
        f.cfg = exec_config_ops.new_config();
        *state = &f;
        return f.cfg ? 0 : -1;
}

static int teardown(void **state)
{
        struct fixture *f = *state;
        exec_config_ops.free_config(f->cfg);
        if (f->dir[0]) {
                char cmd[128];
                snprintf(cmd, sizeof(cmd), "rm -rf %s", f->dir);
                assert_int_equal(system(cmd), 0);
        }
        return 0;
}

static int parse(struct fixture *f, const char *token, const char *args)
{
        f->err[0] = '\0';
        return exec_config_ops.parse(f->cfg, token, args, f->err, sizeof(f->err));
}

static const struct exec_config *conf(struct fixture *f)
{
        return f->cfg;
}

static void argv_of(const struct exec_check *k, const char **argv, size_t *n)
{
        *n = exec_cmd_argv(&k->cmd, argv, EXEC_ARGS_MAX + 4);
}

static void test_exec_line_runs_prog_with_its_args_and_no_shell(void **state)
{
        struct fixture *f = *state;
        assert_int_equal(parse(f, "exec", "disk /usr/lib/nagios/plugins/check_disk -w 10% /"), 0);
        assert_int_equal(conf(f)->n_checks, 1);
        const struct exec_check *k = &conf(f)->checks[0];
        assert_string_equal(k->name, "disk");
        assert_int_equal(k->kind, EXEC_KIND_EXEC);
        const char *argv[EXEC_ARGS_MAX + 4];
        size_t n;
        argv_of(k, argv, &n);
        assert_int_equal(n, 4);
        assert_string_equal(argv[0], "/usr/lib/nagios/plugins/check_disk");
        assert_string_equal(argv[3], "/");
        assert_null(argv[4]);
        assert_string_equal(k->cmd.text, "/usr/lib/nagios/plugins/check_disk -w 10% /");
}

static void test_exec_quotes_group_words_as_ucd_does(void **state)
{
        struct fixture *f = *state;
        assert_int_equal(parse(f, "exec", "q /bin/echo \"a b\" 'c d' e"), 0);
        const char *argv[EXEC_ARGS_MAX + 4];
        size_t n;
        argv_of(&conf(f)->checks[0], argv, &n);
        assert_int_equal(n, 4);
        assert_string_equal(argv[1], "a b");
        assert_string_equal(argv[2], "c d");
        assert_int_equal(parse(f, "exec", "u /bin/echo \"open"), -EINVAL);
        assert_non_null(strstr(f->err, "unterminated quote"));
}

static void test_sh_line_runs_the_text_through_bin_sh(void **state)
{
        struct fixture *f = *state;
        assert_int_equal(parse(f, "sh", "pipe /bin/cat /proc/loadavg | /usr/bin/cut -d' ' -f1"), 0);
        const char *argv[EXEC_ARGS_MAX + 4];
        size_t n;
        argv_of(&conf(f)->checks[0], argv, &n);
        assert_int_equal(n, 3);
        assert_string_equal(argv[0], "/bin/sh");
        assert_string_equal(argv[1], "-c");
        assert_string_equal(argv[2], "/bin/cat /proc/loadavg | /usr/bin/cut -d' ' -f1");
        assert_string_equal(conf(f)->checks[0].cmd.path, "/bin/cat");
}

static void test_extend_means_exec(void **state)
{
        struct fixture *f = *state;
        assert_int_equal(parse(f, "extend", "lnms /usr/local/bin/distro"), 0);
        assert_int_equal(conf(f)->checks[0].kind, EXEC_KIND_EXEC);
}

static void test_relative_command_is_refused_by_the_parser(void **state)
{
        struct fixture *f = *state;
        assert_int_equal(parse(f, "exec", "x bin/true"), -EINVAL);
        assert_non_null(strstr(f->err, "'bin/true' is not an absolute path"));
        assert_int_equal(parse(f, "sh", "y echo hi | wc"), -EINVAL);
        assert_int_equal(conf(f)->n_checks, 0);
}

static void test_name_rules_duplicates_and_the_oid_form(void **state)
{
        struct fixture *f = *state;
        assert_int_equal(parse(f, "exec", "a /bin/true"), 0);
        assert_int_equal(parse(f, "exec", "a /bin/false"), -EINVAL);
        assert_non_null(strstr(f->err, "already defined"));
        assert_int_equal(parse(f, "exec", ".1.3.6.1.4.1.2021.50 n /bin/true"), -EINVAL);
        assert_non_null(strstr(f->err, "MIBOID"));
        assert_int_equal(parse(f, "exec", "only-a-name"), -EINVAL);
        char longname[EXEC_NAME_MAX + 20];
        memset(longname, 'n', EXEC_NAME_MAX + 1);
        snprintf(longname + EXEC_NAME_MAX + 1, 19, " /bin/true");
        assert_int_equal(parse(f, "exec", longname), -EINVAL);
        assert_int_equal(conf(f)->n_checks, 1);
}

static void test_execfix_needs_an_earlier_check(void **state)
{
        struct fixture *f = *state;
        assert_int_equal(parse(f, "execfix", "svc /bin/systemctl restart svc"), -EINVAL);
        assert_non_null(strstr(f->err, "no check 'svc'"));
        assert_int_equal(parse(f, "exec", "svc /bin/true"), 0);
        assert_int_equal(parse(f, "execfix", "svc /bin/systemctl restart svc"), 0);
        assert_true(conf(f)->checks[0].has_fix);
        assert_string_equal(conf(f)->checks[0].fix.text, "/bin/systemctl restart svc");
}

static void test_errfix_is_off_until_execfix_enable(void **state)
{
        struct fixture *f = *state;
        assert_int_equal(parse(f, "exec", "svc /bin/true"), 0);
        assert_int_equal(parse(f, "execfixEnable", "svc"), -EINVAL);
        assert_non_null(strstr(f->err, "no execfix line"));
        assert_int_equal(parse(f, "execfix", "svc /bin/true"), 0);
        assert_false(conf(f)->checks[0].fix_enabled);
        assert_int_equal(parse(f, "execfixEnable", "ghost"), -EINVAL);
        assert_int_equal(parse(f, "execfixEnable", ""), -EINVAL);
        assert_int_equal(parse(f, "execfixEnable", "svc"), 0);
        assert_true(conf(f)->checks[0].fix_enabled);
}

static void test_execfix_interval_default_and_per_check(void **state)
{
        struct fixture *f = *state;
        assert_int_equal(parse(f, "exec", "a /bin/true"), 0);
        assert_int_equal(parse(f, "exec", "b /bin/true"), 0);
        const struct exec_config *c = conf(f);
        assert_int_equal(exec_check_fix_gap(c, &c->checks[0]), EXEC_DEFAULT_FIX_GAP);
        assert_int_equal(parse(f, "execfixInterval", "300"), 0);
        assert_int_equal(parse(f, "execfixInterval", "b 5"), 0);
        assert_int_equal(parse(f, "execfixInterval", "0"), -EINVAL);
        assert_int_equal(parse(f, "execfixInterval", "ghost 5"), -EINVAL);
        c = conf(f);
        assert_int_equal(exec_check_fix_gap(c, &c->checks[0]), 300);
        assert_int_equal(exec_check_fix_gap(c, &c->checks[1]), 5);
}

static void test_interval_and_timeout_default_and_per_check(void **state)
{
        struct fixture *f = *state;
        assert_int_equal(parse(f, "exec", "a /bin/true"), 0);
        assert_int_equal(parse(f, "exec", "b /bin/true"), 0);
        assert_int_equal(parse(f, "execInterval", "30"), 0);
        assert_int_equal(parse(f, "execInterval", "b 5"), 0);
        assert_int_equal(parse(f, "execTimeout", "a 2"), 0);
        const struct exec_config *c = conf(f);
        assert_int_equal(exec_check_interval(c, &c->checks[0]), 30);
        assert_int_equal(exec_check_interval(c, &c->checks[1]), 5);
        assert_int_equal(exec_check_timeout(c, &c->checks[0]), 2);
        assert_int_equal(exec_check_timeout(c, &c->checks[1]), EXEC_DEFAULT_TIMEOUT);
        assert_int_equal(parse(f, "execTimeout", "0"), -EINVAL);
        assert_int_equal(parse(f, "execTimeout", "nosuch 3"), -EINVAL);
        assert_int_equal(parse(f, "execInterval", "a b 3"), -EINVAL);
}

static void test_output_parallel_user_and_ucd_switch(void **state)
{
        struct fixture *f = *state;
        assert_int_equal(parse(f, "execOutputMax", "4096 10"), 0);
        assert_int_equal(conf(f)->max_bytes, 4096);
        assert_int_equal(conf(f)->max_lines, 10);
        assert_int_equal(parse(f, "execOutputMax", "0"), -EINVAL);
        assert_int_equal(parse(f, "execParallel", "8"), 0);
        assert_int_equal(conf(f)->parallel, 8);
        assert_int_equal(parse(f, "execParallel", "33"), -EINVAL);
        assert_int_equal(parse(f, "execUser", "nagios"), 0);
        assert_string_equal(conf(f)->user, "nagios");
        assert_false(conf(f)->serve_ucd);
        assert_int_equal(parse(f, "serveUcdExtTable", "yes"), 0);
        assert_true(conf(f)->serve_ucd);
        assert_int_equal(parse(f, "serveUcdExtTable", "maybe"), -EINVAL);
}

/* ---- the path check, on files made here ------------------------------------------------------ */

static void make_file(struct fixture *f, const char *name, mode_t mode, char *path, size_t n)
{
        if (!f->dir[0]) {
                snprintf(f->dir, sizeof(f->dir), "/tmp/srvh-exec-test.XXXXXX");
                assert_non_null(mkdtemp(f->dir));
                assert_int_equal(chmod(f->dir, 0755), 0);
        }
        snprintf(path, n, "%s/%s", f->dir, name);
        FILE *fp = fopen(path, "w");
        assert_non_null(fp);
        fputs("#!/bin/sh\nexit 0\n", fp);
        fclose(fp);
        assert_int_equal(chmod(path, mode), 0);
}

static void test_path_check_accepts_an_owned_file_not_writable_by_others(void **state)
{
        struct fixture *f = *state;
        char path[128];
        make_file(f, "ok", 0755, path, sizeof(path));
        assert_int_equal(path_check_trusted(path, geteuid(), f->err, sizeof(f->err)), 0);
        assert_int_equal(path_check_trusted("/bin/sh", geteuid(), f->err, sizeof(f->err)), 0);
}

static void test_path_check_refuses_world_and_group_writable_files(void **state)
{
        struct fixture *f = *state;
        char path[128];
        make_file(f, "ww", 0757, path, sizeof(path));
        assert_int_equal(path_check_trusted(path, geteuid(), f->err, sizeof(f->err)), -EPERM);
        assert_non_null(strstr(f->err, "writable by everyone"));
        make_file(f, "gw", 0775, path, sizeof(path));
        assert_int_equal(path_check_trusted(path, geteuid(), f->err, sizeof(f->err)), -EPERM);
        assert_non_null(strstr(f->err, "writable by its group"));
}

static void test_path_check_refuses_a_writable_directory_above(void **state)
{
        struct fixture *f = *state;
        char path[128];
        make_file(f, "ok", 0755, path, sizeof(path));
        assert_int_equal(chmod(f->dir, 0777), 0); /* not sticky, unlike /tmp */
        assert_int_equal(path_check_trusted(path, geteuid(), f->err, sizeof(f->err)), -EPERM);
        assert_non_null(strstr(f->err, f->dir));
        assert_int_equal(chmod(f->dir, 0755), 0);
}

static void test_path_check_refuses_missing_relative_and_non_regular(void **state)
{
        struct fixture *f = *state;
        assert_int_equal(
            path_check_trusted("/nonexistent/check", geteuid(), f->err, sizeof(f->err)), -ENOENT);
        assert_int_equal(path_check_trusted("bin/true", geteuid(), f->err, sizeof(f->err)),
                         -EINVAL);
        assert_int_equal(path_check_trusted("/tmp", geteuid(), f->err, sizeof(f->err)), -EINVAL);
        assert_non_null(strstr(f->err, "not a regular file"));
}

static void test_path_check_refuses_a_file_of_another_user(void **state)
{
        struct fixture *f = *state;
        char path[128];
        make_file(f, "other", 0755, path, sizeof(path));
        /* Owned by us; allow only uid 12345 besides root: refused unless we are root. */
        int r = path_check_trusted(path, 12345, f->err, sizeof(f->err));
        if (geteuid() == 0) {
                assert_int_equal(r, 0);
                assert_int_equal(chown(path, 12345, 12345), 0);
                assert_int_equal(path_check_trusted(path, geteuid(), f->err, sizeof(f->err)),
                                 -EPERM);
        } else {
                assert_int_equal(r, -EPERM);
        }
        assert_non_null(strstr(f->err, "not by root"));
}

static void test_validate_drops_a_refused_check_and_names_it(void **state)
{
        struct fixture *f = *state;
        char path[128], line[200];
        make_file(f, "ww", 0757, path, sizeof(path));
        snprintf(line, sizeof(line), "bad %s", path);
        assert_int_equal(parse(f, "exec", "good /bin/true"), 0);
        assert_int_equal(exec_config_ops.validate(f->cfg, "exec", f->err, sizeof(f->err)), 0);
        assert_int_equal(parse(f, "exec", line), 0);
        assert_int_equal(exec_config_ops.validate(f->cfg, "exec", f->err, sizeof(f->err)), -EINVAL);
        assert_non_null(strstr(f->err, "exec bad: "));
        assert_int_equal(conf(f)->n_checks, 1);
        assert_string_equal(conf(f)->checks[0].name, "good");
}

static void test_validate_resolves_exec_user(void **state)
{
        struct fixture *f = *state;
        assert_int_equal(parse(f, "execUser", "root"), 0);
        int r = exec_config_ops.validate(f->cfg, "execUser", f->err, sizeof(f->err));
        if (geteuid() == 0) {
                assert_int_equal(r, 0);
                assert_true(conf(f)->user_resolved);
                assert_int_equal(conf(f)->uid, 0);
        } else {
                assert_int_equal(r, -EINVAL);
        }
        assert_int_equal(parse(f, "execUser", "no-such-user-here"), 0);
        assert_int_equal(exec_config_ops.validate(f->cfg, "execUser", f->err, sizeof(f->err)),
                         -EINVAL);
        assert_non_null(strstr(f->err, "no user"));
        assert_false(conf(f)->user_resolved);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
        const struct CMUnitTest tests[] = {
            T(test_exec_line_runs_prog_with_its_args_and_no_shell),
            T(test_exec_quotes_group_words_as_ucd_does),
            T(test_sh_line_runs_the_text_through_bin_sh),
            T(test_extend_means_exec),
            T(test_relative_command_is_refused_by_the_parser),
            T(test_name_rules_duplicates_and_the_oid_form),
            T(test_execfix_needs_an_earlier_check),
            T(test_errfix_is_off_until_execfix_enable),
            T(test_execfix_interval_default_and_per_check),
            T(test_interval_and_timeout_default_and_per_check),
            T(test_output_parallel_user_and_ucd_switch),
            T(test_path_check_accepts_an_owned_file_not_writable_by_others),
            T(test_path_check_refuses_world_and_group_writable_files),
            T(test_path_check_refuses_a_writable_directory_above),
            T(test_path_check_refuses_missing_relative_and_non_regular),
            T(test_path_check_refuses_a_file_of_another_user),
            T(test_validate_drops_a_refused_check_and_names_it),
            T(test_validate_resolves_exec_user),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
