/* The bench prototype's snapshot file (bench/snapfile.c): what the writer publishes reads back
 * record for record; the check refuses a truncated file, another format version, a bad magic,
 * records out of OID order and offsets or lengths out of bounds, so a reader never serves from a
 * bad file; snap_find gives the exact or the next instance. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "snapfile.h"

static const uint32_t o1[] = {1, 3, 6, 1, 2, 1}, o2[] = {1, 3, 6, 1, 2, 1, 5},
                      o3[] = {1, 3, 6, 1, 3};

/* Three records published to a temporary file and read back into *ret_buf (8-aligned). */
static size_t publish3(uint64_t **ret_buf, bool out_of_order)
{
        char path[] = "/tmp/srvh-snapfile-XXXXXX";
        int fd = mkstemp(path);
        assert_true(fd >= 0);
        close(fd);
        struct snap_writer w = {0};
        int64_t i = -7;
        uint64_t u = 42;
        snap_writer_add(&w, o1, 6, SNAP_T_INTEGER, &i, sizeof(i));
        if (out_of_order)
                snap_writer_add(&w, o3, 5, SNAP_T_STRING, "md0", 3);
        snap_writer_add(&w, o2, 7, SNAP_T_GAUGE, &u, sizeof(u));
        if (!out_of_order)
                snap_writer_add(&w, o3, 5, SNAP_T_STRING, "md0", 3);
        assert_int_equal(snap_writer_publish(&w, path, 9, 60), 0);
        FILE *f = fopen(path, "rb");
        assert_non_null(f);
        uint64_t *buf = calloc(1, 4096);
        size_t n = fread(buf, 1, 4096, f);
        fclose(f);
        unlink(path);
        *ret_buf = buf;
        return n;
}

static void test_published_file_reads_back(void **state)
{
        (void)state;
        uint64_t *buf;
        size_t n = publish3(&buf, false);
        struct snap_view v;
        assert_int_equal(snap_file_check(buf, n, &v, NULL, 0), 0);
        assert_int_equal(v.hdr->n_records, 3);
        assert_int_equal(v.hdr->generation, 9);
        assert_int_equal(v.hdr->interval_s, 60);
        assert_int_equal(v.hdr->publisher_pid, getpid());
        struct snap_entry e;
        snap_entry_at(&v, 0, &e);
        int64_t i;
        memcpy(&i, e.value, sizeof(i));
        assert_int_equal(e.type, SNAP_T_INTEGER);
        assert_int_equal(i, -7);
        snap_entry_at(&v, 2, &e);
        assert_int_equal(e.oid_len, 5);
        assert_memory_equal(e.oid, o3, sizeof(o3));
        assert_int_equal(e.value_len, 3);
        assert_memory_equal(e.value, "md0", 3);
        free(buf);
}

static void test_find_gives_the_exact_or_the_next_instance(void **state)
{
        (void)state;
        uint64_t *buf;
        size_t n = publish3(&buf, false);
        struct snap_view v;
        assert_int_equal(snap_file_check(buf, n, &v, NULL, 0), 0);
        assert_int_equal(snap_find(&v, o2, 7, false), 1);
        assert_int_equal(snap_find(&v, o2, 7, true), 2);
        assert_int_equal(snap_find(&v, o1, 5, true), 0); /* a prefix sorts first */
        assert_int_equal(snap_find(&v, o3, 5, true), 3); /* nothing after the last */
        free(buf);
}

/* Refused, with a reason that names the problem. */
static void assert_refused(const void *buf, size_t n, const char *why_part)
{
        struct snap_view v;
        char why[200] = "";
        assert_int_equal(snap_file_check(buf, n, &v, why, sizeof(why)), -EINVAL);
        if (!strstr(why, why_part))
                fail_msg("reason \"%s\" does not say \"%s\"", why, why_part);
}

static void test_check_refuses_bad_files(void **state)
{
        (void)state;
        uint64_t *buf;
        size_t n = publish3(&buf, false);
        struct snap_file_header *h = (struct snap_file_header *)buf;
        uint32_t *index = (uint32_t *)(h + 1);

        assert_refused(buf, n - 1, "truncated");
        assert_refused(buf, 10, "shorter than the header");
        h->version = 2;
        assert_refused(buf, n, "version 2");
        h->version = SNAP_FILE_VERSION;
        h->magic[0] = 'X';
        assert_refused(buf, n, "magic");
        h->magic[0] = 'S';
        uint32_t keep = index[1];
        index[1] = (uint32_t)n;
        assert_refused(buf, n, "record 1: offset");
        index[1] = keep;
        h->n_records = 1u << 30;
        assert_refused(buf, n, "do not fit");
        h->n_records = 3;
        struct snap_record *r = (struct snap_record *)((uint8_t *)buf + index[2]);
        r->value_len = 1u << 20;
        assert_refused(buf, n, "record 2: lengths");
        r->value_len = 3;
        r->oid_len = 0;
        assert_refused(buf, n, "record 2: lengths");
        r->oid_len = 5;
        struct snap_view v;
        assert_int_equal(snap_file_check(buf, n, &v, NULL, 0), 0); /* all put back */
        free(buf);

        n = publish3(&buf, true);
        assert_refused(buf, n, "not after record 1");
        free(buf);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_published_file_reads_back),
            cmocka_unit_test(test_find_gives_the_exact_or_the_next_instance),
            cmocka_unit_test(test_check_refuses_bad_files),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
