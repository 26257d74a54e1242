/* Reads below the sysroot (src/core/sysroot.c): a file read relative to an open directory gives
 * the same bytes as a read by path, whether it is shorter than, as long as, or longer than the
 * first read; FIFOs and directories are refused without blocking; links read relative too. */
#include <errno.h>
#include <fcntl.h>
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

#include "core/sysroot.h"

struct fixture {
        char root[64];
        int dirfd;
};

static int setup(void **state)
{
        struct fixture *f = calloc(1, sizeof(*f));
        if (!f)
                return -1;
        snprintf(f->root, sizeof(f->root), "/tmp/srvh-sysroot-XXXXXX");
        if (!mkdtemp(f->root))
                return -1;
        char d[128];
        snprintf(d, sizeof(d), "%s/sys", f->root);
        if (mkdir(d, 0755) < 0)
                return -1;
        f->dirfd = sysroot_open_dir(f->root, "/sys");
        *state = f;
        return f->dirfd < 0 ? -1 : 0;
}

static int teardown(void **state)
{
        struct fixture *f = *state;
        close(f->dirfd);
        char cmd[128];
        snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->root);
        int r = system(cmd);
        free(f);
        return r == 0 ? 0 : -1;
}

/* n octets of a repeating pattern written to /sys/name. */
static void write_file(const struct fixture *f, const char *name, size_t n)
{
        char path[192];
        snprintf(path, sizeof(path), "%s/sys/%s", f->root, name);
        FILE *fp = fopen(path, "w");
        assert_non_null(fp);
        for (size_t i = 0; i < n; i++)
                fputc('a' + (int)(i % 26), fp);
        fclose(fp);
}

/* sysroot_read_at() and sysroot_read() of /sys/name agree with what was written. */
static void assert_reads_back(const struct fixture *f, const char *name, size_t n)
{
        char *at = NULL, *by_path = NULL, path[64];
        size_t at_len = 0, path_len = 0;
        assert_int_equal(sysroot_read_at(f->dirfd, name, &at, &at_len), 0);
        snprintf(path, sizeof(path), "/sys/%s", name);
        assert_int_equal(sysroot_read(f->root, path, &by_path, &path_len), 0);
        assert_int_equal(at_len, n);
        assert_int_equal(path_len, n);
        assert_memory_equal(at, by_path, n);
        assert_int_equal(at[n], '\0');
        for (size_t i = 0; i < n; i++)
                assert_int_equal(at[i], 'a' + (int)(i % 26));
        free(at);
        free(by_path);
}

static void test_read_at_short_attribute(void **state)
{
        write_file(*state, "array_state", 6);
        assert_reads_back(*state, "array_state", 6);
}

static void test_read_at_empty_file(void **state)
{
        write_file(*state, "raid_disks", 0);
        assert_reads_back(*state, "raid_disks", 0);
}

static void test_read_at_file_longer_than_a_page(void **state)
{
        write_file(*state, "big", 3 * 4096 + 5);
        assert_reads_back(*state, "big", 3 * 4096 + 5);
}

/* At the sizes around the first read's request (size + 1) and the old 4 KiB buffer. */
static void test_read_at_sizes_around_a_page(void **state)
{
        static const size_t sizes[] = {4094, 4095, 4096, 4097, 8191, 8192};
        char name[16];
        for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
                snprintf(name, sizeof(name), "f%zu", sizes[i]);
                write_file(*state, name, sizes[i]);
                assert_reads_back(*state, name, sizes[i]);
        }
}

static void test_read_at_refuses_a_fifo_without_blocking(void **state)
{
        struct fixture *f = *state;
        char path[192], *buf = NULL;
        size_t len;
        snprintf(path, sizeof(path), "%s/sys/fifo", f->root);
        assert_int_equal(mkfifo(path, 0600), 0);
        assert_int_equal(sysroot_read_at(f->dirfd, "fifo", &buf, &len), SYSROOT_ENOTREG);
        assert_null(buf);
}

static void test_read_at_refuses_a_directory(void **state)
{
        struct fixture *f = *state;
        char path[192], *buf = NULL;
        size_t len;
        snprintf(path, sizeof(path), "%s/sys/dev-sda1", f->root);
        assert_int_equal(mkdir(path, 0755), 0);
        assert_int_equal(sysroot_read_at(f->dirfd, "dev-sda1", &buf, &len), -EISDIR);
        int sub = sysroot_open_dir_at(f->dirfd, "dev-sda1");
        assert_true(sub >= 0);
        close(sub);
        assert_int_equal(sysroot_open_dir_at(f->dirfd, "missing"), -ENOENT);
}

static void test_readlink_at_gives_the_stored_target(void **state)
{
        struct fixture *f = *state;
        char path[192], target[64];
        snprintf(path, sizeof(path), "%s/sys/rd0", f->root);
        assert_int_equal(symlink("dev-sda1", path), 0);
        assert_int_equal(sysroot_readlink_at(f->dirfd, "rd0", target, sizeof(target)), 0);
        assert_string_equal(target, "dev-sda1");
        assert_int_equal(sysroot_readlink_at(f->dirfd, "rd0", target, 8), -ENAMETOOLONG);
        assert_int_equal(sysroot_readlink(f->root, "/sys/rd0", target, sizeof(target)), 0);
        assert_string_equal(target, "dev-sda1");
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test_setup_teardown(test_read_at_short_attribute, setup, teardown),
            cmocka_unit_test_setup_teardown(test_read_at_empty_file, setup, teardown),
            cmocka_unit_test_setup_teardown(test_read_at_file_longer_than_a_page, setup, teardown),
            cmocka_unit_test_setup_teardown(test_read_at_sizes_around_a_page, setup, teardown),
            cmocka_unit_test_setup_teardown(test_read_at_refuses_a_fifo_without_blocking, setup,
                                            teardown),
            cmocka_unit_test_setup_teardown(test_read_at_refuses_a_directory, setup, teardown),
            cmocka_unit_test_setup_teardown(test_readlink_at_gives_the_stored_target, setup,
                                            teardown),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
