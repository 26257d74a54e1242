/* The generic table walker (src/core/mibtree.c): GET and GETNEXT over a scalar group, a table
 * nested inside it, a two-index table and a sparse column, in the order SNMP requires; string
 * indexes (RFC 2578 7.7) alone and mixed with integers, malformed requests, and the checks the
 * agent runs on the tree it assembles at start. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/mibtree.h"
#include "core/module.h"
#include "srvhealth/oids.h"

extern const struct module_ops md_module;

/* Rows carry one number; column 3 of the member table is missing for odd numbers. */
static int get_num(const void *data, unsigned column, struct mib_value *v)
{
        uint32_t n = *(const uint32_t *)data;
        if (column == 3 && n % 2)
                return -ENOENT;
        mib_set_int(v, (int64_t)n * 10 + column);
        return 0;
}

static const uint32_t n0 = 0, n1 = 1, n2 = 2, n4 = 4, n7 = 7;

/* scalar group at {1}: columns 1,2,4 (column 3 is the nested table {1,3,1}) */
static const struct mib_row scalar_row[] = {{.idx = {0}, .idx_len = 1, .data = &n0}};
static const struct mib_rows scalar_rows = {scalar_row, 1};
static const unsigned scalar_cols[] = {1, 2, 4};
static const struct mib_table scalars = {"scalars", {1}, 1, scalar_cols, 3, get_num, &scalar_rows};

static const struct mib_row nested_row[] = {
    {.idx = {1}, .idx_len = 1, .data = &n1},
    {.idx = {2}, .idx_len = 1, .data = &n2},
};
static const struct mib_rows nested_rows = {nested_row, 2};
static const unsigned nested_cols[] = {2, 3};
static const struct mib_table nested = {"nested", {1, 3, 1}, 3,           nested_cols,
                                        2,        get_num,   &nested_rows};

/* two-index table at {2,2,1} with rows (1,1) (1,7) (4,3) */
static const struct mib_row member_row[] = {
    {.idx = {1, 1}, .idx_len = 2, .data = &n1},
    {.idx = {1, 7}, .idx_len = 2, .data = &n7},
    {.idx = {4, 3}, .idx_len = 2, .data = &n4},
};
static const struct mib_rows member_rows = {member_row, 3};
static const unsigned member_cols[] = {2, 3};
static const struct mib_table members = {"members", {2, 2, 1}, 3,           member_cols,
                                         2,         get_num,   &member_rows};

static const struct mib_rows no_rows = {NULL, 0};
static const struct mib_table empty = {"empty", {2, 1, 1}, 3, member_cols, 2, get_num, &no_rows};

static const struct mib_table *const all[] = {&members, &scalars, &empty, &nested};
static const struct mib_tree tree = {all, 4};

#define OID(...) ((const uint32_t[]){__VA_ARGS__}), (sizeof((const uint32_t[]){__VA_ARGS__}) / 4)

static void assert_oid(const struct mib_hit *h, const uint32_t *want, size_t n)
{
        assert_int_equal(h->oid_len, n);
        assert_memory_equal(h->oid, want, n * sizeof(uint32_t));
}

static void test_walk_visits_every_instance_in_oid_order(void **state)
{
        (void)state;
        /* What an SNMP walk of this tree must return, derived by hand from the tables above. */
        static const uint32_t want[][6] = {
            {1, 1, 0},          {1, 2, 0},          {1, 3, 1, 2, 1},
            {1, 3, 1, 2, 2},    {1, 3, 1, 3, 2}, /* row 1 has no column 3 */
            {1, 4, 0},          {2, 2, 1, 2, 1, 1}, {2, 2, 1, 2, 1, 7},
            {2, 2, 1, 2, 4, 3}, {2, 2, 1, 3, 4, 3},
        };
        static const size_t want_len[] = {3, 3, 5, 5, 5, 3, 6, 6, 6, 6};
        uint32_t cur[16] = {0};
        size_t cur_len = 0;
        struct mib_hit h;
        for (size_t i = 0; i < sizeof(want_len) / sizeof(want_len[0]); i++) {
                assert_int_equal(mib_tree_next(&tree, cur, cur_len, &h), 0);
                assert_oid(&h, want[i], want_len[i]);
                memcpy(cur, h.oid, h.oid_len * sizeof(uint32_t));
                cur_len = h.oid_len;
        }
        assert_int_equal(mib_tree_next(&tree, cur, cur_len, &h), -ENOENT);
}

static void test_getnext_result_reads_back_with_get(void **state)
{
        (void)state;
        uint32_t cur[16] = {0};
        size_t cur_len = 0;
        struct mib_hit next, got;
        while (mib_tree_next(&tree, cur, cur_len, &next) == 0) {
                assert_int_equal(mib_tree_get(&tree, next.oid, next.oid_len, &got), 0);
                assert_int_equal(got.value.i, next.value.i);
                assert_true(mib_oid_cmp(next.oid, next.oid_len, cur, cur_len) > 0);
                memcpy(cur, next.oid, next.oid_len * sizeof(uint32_t));
                cur_len = next.oid_len;
        }
}

static void test_get_value_comes_from_the_row(void **state)
{
        (void)state;
        struct mib_hit h;
        assert_int_equal(mib_tree_get(&tree, OID(2, 2, 1, 3, 4, 3), &h), 0);
        assert_int_equal(h.value.type, MIB_T_INTEGER);
        assert_int_equal(h.value.i, 43);
}

static void test_get_unknown_column_is_no_such_object(void **state)
{
        (void)state;
        struct mib_hit h;
        assert_int_equal(mib_tree_get(&tree, OID(1, 9, 0), &h), -ENOENT);
        assert_int_equal(mib_tree_get(&tree, OID(3), &h), -ENOENT);
}

static void test_get_missing_row_is_no_such_instance(void **state)
{
        (void)state;
        struct mib_hit h;
        assert_int_equal(mib_tree_get(&tree, OID(2, 2, 1, 2, 4, 4), &h), -ESRCH);
        assert_int_equal(mib_tree_get(&tree, OID(1, 1), &h), -ESRCH);       /* no instance arc */
        assert_int_equal(mib_tree_get(&tree, OID(1, 1, 0, 0), &h), -ESRCH); /* too long */
        assert_int_equal(mib_tree_get(&tree, OID(2, 2, 1, 3, 1, 7), &h), -ESRCH); /* sparse */
}

static void test_getnext_inside_an_index_moves_to_the_next_row(void **state)
{
        (void)state;
        struct mib_hit h;
        /* a partial index (1) sorts before (1,1) */
        assert_int_equal(mib_tree_next(&tree, OID(2, 2, 1, 2, 1), &h), 0);
        assert_oid(&h, OID(2, 2, 1, 2, 1, 1));
        /* (1,5) lies between (1,1) and (1,7) */
        assert_int_equal(mib_tree_next(&tree, OID(2, 2, 1, 2, 1, 5), &h), 0);
        assert_oid(&h, OID(2, 2, 1, 2, 1, 7));
        /* after the last row of column 2 comes the first row of column 3 that has a value */
        assert_int_equal(mib_tree_next(&tree, OID(2, 2, 1, 2, 9), &h), 0);
        assert_oid(&h, OID(2, 2, 1, 3, 4, 3));
}

static void test_getnext_past_the_tree_finds_nothing(void **state)
{
        (void)state;
        struct mib_hit h;
        assert_int_equal(mib_tree_next(&tree, OID(2, 2, 1, 3, 4, 3), &h), -ENOENT);
        assert_int_equal(mib_tree_next(&tree, OID(2, 3), &h), -ENOENT);
        assert_int_equal(mib_tree_next(&tree, OID(4294967295u), &h), -ENOENT);
}

static void test_getnext_skips_an_empty_table(void **state)
{
        (void)state;
        struct mib_hit h;
        assert_int_equal(mib_tree_next(&tree, OID(2), &h), 0);
        assert_oid(&h, OID(2, 2, 1, 2, 1, 1));
}

static void test_getnext_on_a_table_prefix_starts_at_its_first_cell(void **state)
{
        (void)state;
        struct mib_hit h;
        assert_int_equal(mib_tree_next(&tree, OID(1, 3), &h), 0);
        assert_oid(&h, OID(1, 3, 1, 2, 1));
        assert_int_equal(mib_tree_next(&tree, OID(1, 3, 1, 3), &h), 0);
        assert_oid(&h, OID(1, 3, 1, 3, 2));
}

static void test_values_are_clamped_to_their_smi_range(void **state)
{
        (void)state;
        struct mib_value v;
        mib_set_gauge(&v, UINT64_C(1) << 40);
        assert_int_equal(v.u, UINT32_MAX);
        mib_set_counter32(&v, (UINT64_C(1) << 32) + 5);
        assert_int_equal(v.u, 5);
        mib_set_int(&v, -(INT64_C(1) << 40));
        assert_int_equal(v.i, INT32_MIN);
}

static void test_datetime_encodes_utc_per_rfc2579(void **state)
{
        (void)state;
        struct mib_value v;
        mib_set_datetime(&v, 1764115200); /* 2025-11-26 00:00:00 UTC */
        static const uint8_t want[11] = {0x07, 0xe9, 11, 26, 0, 0, 0, 0, '+', 0, 0};
        assert_int_equal(v.len, 11);
        assert_memory_equal(mib_value_bytes(&v), want, 11);
        mib_set_datetime(&v, 0);
        assert_int_equal(v.len, 8);
}

static int get_time(const void *data, unsigned column, struct mib_value *v)
{
        (void)data;
        (void)column;
        mib_set_datetime(v, 1764115200);
        return 0;
}

static void test_getnext_keeps_values_held_in_the_scratch_buffer(void **state)
{
        (void)state;
        static const unsigned cols[] = {1};
        static const struct mib_table times = {"times", {5}, 1, cols, 1, get_time, &scalar_rows};
        static const struct mib_table *const t[] = {&times, &members};
        static const struct mib_tree tr = {t, 2};
        struct mib_hit h;
        assert_int_equal(mib_tree_next(&tr, OID(4), &h), 0);
        assert_ptr_equal(mib_value_bytes(&h.value), h.value.buf);
        assert_int_equal(((const uint8_t *)mib_value_bytes(&h.value))[0], 0x07);
        assert_int_equal(((const uint8_t *)mib_value_bytes(&h.value))[3], 26);
}

/* ---- string indexes ---- */

/* Octets 0x00..0xff repeated, so every test string has its own bytes at each position. */
static void octets(uint8_t *out, size_t n)
{
        for (size_t i = 0; i < n; i++)
                out[i] = (uint8_t)(i * 37 + 11);
}

static const size_t string_sizes[] = {0, 1, 63, 64};

static void test_string_index_is_length_then_one_sub_id_per_octet(void **state)
{
        (void)state;
        for (size_t k = 0; k < sizeof(string_sizes) / sizeof(string_sizes[0]); k++) {
                size_t n = string_sizes[k];
                uint8_t s[64];
                uint32_t dst[MIB_INDEX_LEN_MAX];
                octets(s, n);
                assert_int_equal(mib_index_encode_string(s, n, false, dst, 65), (int)n + 1);
                assert_int_equal(dst[0], n);
                for (size_t i = 0; i < n; i++)
                        assert_int_equal(dst[1 + i], s[i]);
        }
}

static void test_implied_string_index_has_no_length(void **state)
{
        (void)state;
        for (size_t k = 0; k < sizeof(string_sizes) / sizeof(string_sizes[0]); k++) {
                size_t n = string_sizes[k];
                uint8_t s[64];
                uint32_t dst[MIB_INDEX_LEN_MAX] = {0};
                octets(s, n);
                assert_int_equal(mib_index_encode_string(s, n, true, dst, 64), (int)n);
                for (size_t i = 0; i < n; i++)
                        assert_int_equal(dst[i], s[i]);
                assert_int_equal(dst[n], 0); /* nothing written after the octets */
        }
}

static void test_string_index_over_64_octets_is_refused(void **state)
{
        (void)state;
        uint8_t s[65];
        uint32_t dst[MIB_INDEX_LEN_MAX] = {0};
        octets(s, sizeof(s));
        assert_int_equal(mib_index_encode_string(s, 65, false, dst, MIB_INDEX_LEN_MAX), -E2BIG);
        assert_int_equal(mib_index_encode_string(s, 65, true, dst, MIB_INDEX_LEN_MAX), -E2BIG);
        assert_int_equal(dst[0], 0);
}

static void test_string_index_encode_refuses_a_short_destination(void **state)
{
        (void)state;
        uint8_t s[64];
        uint32_t dst[64] = {0};
        octets(s, sizeof(s));
        /* 64 octets need 65 sub-ids with their length, 64 without */
        assert_int_equal(mib_index_encode_string(s, 64, false, dst, 64), -ENOBUFS);
        assert_int_equal(dst[0], 0);
        assert_int_equal(mib_index_encode_string(s, 64, true, dst, 64), 64);
        assert_int_equal(mib_index_encode_string("ab", 2, false, dst, 2), -ENOBUFS);
}

static void test_string_index_decodes_back_at_0_1_63_64_octets(void **state)
{
        (void)state;
        for (size_t k = 0; k < sizeof(string_sizes) / sizeof(string_sizes[0]); k++) {
                for (int implied = 0; implied <= 1; implied++) {
                        size_t n = string_sizes[k];
                        uint8_t s[64], back[64];
                        uint32_t idx[MIB_INDEX_LEN_MAX];
                        size_t got = 999;
                        octets(s, n);
                        int w = mib_index_encode_string(s, n, implied, idx, MIB_INDEX_LEN_MAX);
                        assert_true(w >= 0);
                        /* an integer index after a length-prefixed string is not consumed */
                        size_t len = (size_t)w;
                        if (!implied)
                                idx[len++] = 194;
                        assert_int_equal(
                            mib_index_decode_string(idx, len, implied, back, sizeof(back), &got),
                            w);
                        assert_int_equal(got, n);
                        assert_memory_equal(back, s, n);
                }
        }
}

/* The decoder must refuse what the encoder can never produce and leave its outputs alone. */
static void assert_decode_refused(const uint32_t *idx, size_t len, bool implied)
{
        uint8_t out[64];
        size_t got = 999;
        memset(out, 0xaa, sizeof(out));
        assert_int_equal(mib_index_decode_string(idx, len, implied, out, sizeof(out), &got),
                         -EINVAL);
        assert_int_equal(got, 999);
        assert_int_equal(out[0], 0xaa);
}

static void test_string_index_decode_rejects_a_sub_id_over_255(void **state)
{
        (void)state;
        assert_decode_refused(OID(3, 'a', 256, 'c'), false);
        assert_decode_refused(OID('a', 256, 'c'), true);
}

static void test_string_index_decode_rejects_a_length_past_the_end(void **state)
{
        (void)state;
        assert_decode_refused(OID(200, 'a', 'b', 'c'), false);
        assert_decode_refused(OID(4294967295u, 'a'), false);
        assert_decode_refused(OID(1), false);
        assert_decode_refused(NULL, 0, false); /* no length at all */
        /* the request ends after 'b': the octets that follow in memory are not its own */
        static const uint32_t buf[] = {5, 'a', 'b', 'c', 'd', 'e'};
        assert_decode_refused(buf, 3, false);
}

static void test_string_index_decode_rejects_more_than_64_octets(void **state)
{
        (void)state;
        uint32_t idx[66];
        idx[0] = 65;
        for (size_t i = 1; i < 66; i++)
                idx[i] = 'x';
        assert_decode_refused(idx, 66, false);
        assert_decode_refused(idx + 1, 65, true);
}

static void test_string_index_decode_refuses_a_short_output(void **state)
{
        (void)state;
        uint8_t out[2];
        size_t got = 999;
        assert_int_equal(mib_index_decode_string(OID(3, 'a', 'b', 'c'), false, out, 2, &got),
                         -ENOBUFS);
        assert_int_equal(got, 999);
}

static void test_row_index_up_to_four_sub_ids_sits_inline(void **state)
{
        (void)state;
        uint32_t key[5] = {4, 's', 'd', 'a', 9};
        struct mib_row r = {.idx_ext = key};
        size_t len;
        assert_int_equal(mib_row_set_index(&r, key, 4), 0);
        assert_null(r.idx_ext);
        assert_ptr_equal(mib_row_index(&r, &len), r.idx);
        assert_int_equal(len, 4);
        assert_int_equal(mib_row_set_index(&r, key, 5), 0);
        assert_ptr_equal(mib_row_index(&r, &len), key); /* not copied: the owner keeps it */
        assert_int_equal(len, 5);
        assert_int_equal(mib_row_set_index(&r, key, 0), -EINVAL);
        assert_int_equal(mib_row_set_index(&r, key, MIB_INDEX_LEN_MAX + 1), -EINVAL);
}

/* Rows of a string-indexed table; row data is the name's position in the list it came from. */
#define NAMED_MAX 8
struct named_rows {
        uint32_t keys[NAMED_MAX][MIB_INDEX_LEN_MAX];
        uint32_t ids[NAMED_MAX];
        struct mib_row v[NAMED_MAX];
        struct mib_rows rows;
};

static void named_rows_build(struct named_rows *nr, const char *const *names, size_t n,
                             bool implied)
{
        assert_true(n <= NAMED_MAX);
        for (size_t i = 0; i < n; i++) {
                int k = mib_index_encode_string(names[i], strlen(names[i]), implied, nr->keys[i],
                                                MIB_INDEX_LEN_MAX);
                assert_true(k > 0);
                nr->ids[i] = (uint32_t)i;
                assert_int_equal(mib_row_set_index(&nr->v[i], nr->keys[i], (size_t)k), 0);
                nr->v[i].data = &nr->ids[i];
        }
        mib_rows_sort(nr->v, n);
        nr->rows = (struct mib_rows){nr->v, n};
}

static const unsigned name_cols[] = {2};

/* The names a GETNEXT walk of column 2 of a table at {3,1,1} returns, in walk order. */
static size_t walk_names(const struct mib_rows *rows, bool implied, char out[][65], size_t max)
{
        const struct mib_table names = {"names", {3, 1, 1}, 3, name_cols, 1, get_num, rows};
        const struct mib_table *const t[] = {&names};
        const struct mib_tree tr = {t, 1};
        uint32_t cur[MIB_OID_MAX] = {3, 1, 1, 2};
        size_t cur_len = 4, n = 0;
        struct mib_hit h;
        while (n < max && mib_tree_next(&tr, cur, cur_len, &h) == 0) {
                size_t len = 0;
                assert_int_equal(
                    mib_index_decode_string(h.oid + 4, h.oid_len - 4, implied, out[n], 64, &len),
                    (int)(h.oid_len - 4));
                out[n++][len] = '\0';
                memcpy(cur, h.oid, h.oid_len * sizeof(uint32_t));
                cur_len = h.oid_len;
        }
        return n;
}

static const char *const disk_names[] = {"sdb", "a", "md10", "sda", "nvme0n1", "md1"};

static void test_getnext_walks_string_indexes_shorter_first(void **state)
{
        (void)state;
        static struct named_rows nr;
        named_rows_build(&nr, disk_names, 6, false);
        static const char *const want[] = {"a", "md1", "sda", "sdb", "md10", "nvme0n1"};
        char got[NAMED_MAX][65];
        assert_int_equal(walk_names(&nr.rows, false, got, NAMED_MAX), 6);
        for (size_t i = 0; i < 6; i++)
                assert_string_equal(got[i], want[i]);
}

static void test_getnext_walks_implied_string_indexes_in_byte_order(void **state)
{
        (void)state;
        static struct named_rows nr;
        named_rows_build(&nr, disk_names, 6, true);
        static const char *const want[] = {"a", "md1", "md10", "nvme0n1", "sda", "sdb"};
        char got[NAMED_MAX][65];
        assert_int_equal(walk_names(&nr.rows, true, got, NAMED_MAX), 6);
        for (size_t i = 0; i < 6; i++)
                assert_string_equal(got[i], want[i]);
}

/* A SMART-like attribute table at {3,2,1}: INDEX { serial (OCTET STRING), attribute id },
 * columns 2 and 4. Rows in OID order: serials shorter first, then by id. The 64-octet serial
 * makes the longest index the walker must carry: 1 + 64 + 1 sub-ids. */
#define SERIAL64 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
static const struct {
        const char *serial;
        uint32_t attr;
} attr_cells[] = {
    {"S1", 1}, {"S1", 5}, {"S1", 194}, {"WD-WCC4N7", 1}, {"WD-WCC4N7", 9}, {SERIAL64, 1},
};
#define N_ATTR (sizeof(attr_cells) / sizeof(attr_cells[0]))
static const unsigned attr_cols[] = {2, 4};

struct attr_fixture {
        uint32_t keys[N_ATTR][MIB_INDEX_LEN_MAX];
        uint32_t ids[N_ATTR];
        struct mib_row v[N_ATTR];
        struct mib_rows rows;
        struct mib_table table;
        const struct mib_table *tables[1];
        struct mib_tree tree;
};

/* Rows are built in reverse and sorted, as a collector that discovers disks in any order would. */
static struct attr_fixture *attr_fixture(void)
{
        static struct attr_fixture f;
        memset(&f, 0, sizeof(f));
        for (size_t j = 0; j < N_ATTR; j++) {
                size_t i = N_ATTR - 1 - j;
                const char *s = attr_cells[i].serial;
                int k = mib_index_encode_string(s, strlen(s), false, f.keys[j], MIB_INDEX_LEN_MAX);
                assert_true(k > 0);
                f.keys[j][k] = attr_cells[i].attr;
                f.ids[j] = (uint32_t)i * 2; /* even: get_num's odd-row gap is in column 3 only */
                assert_int_equal(mib_row_set_index(&f.v[j], f.keys[j], (size_t)k + 1), 0);
                f.v[j].data = &f.ids[j];
        }
        mib_rows_sort(f.v, N_ATTR);
        f.rows = (struct mib_rows){f.v, N_ATTR};
        f.table = (struct mib_table){"attrs", {3, 2, 1}, 3, attr_cols, 2, get_num, &f.rows};
        f.tables[0] = &f.table;
        f.tree = (struct mib_tree){f.tables, 1};
        return &f;
}

/* Cell c (column-major, as a walk goes) written out by hand, without the encoder. */
static size_t attr_cell_oid(size_t c, uint32_t *out)
{
        size_t i = c % N_ATTR, n = 0;
        const char *s = attr_cells[i].serial;
        out[n++] = 3;
        out[n++] = 2;
        out[n++] = 1;
        out[n++] = attr_cols[c / N_ATTR];
        out[n++] = (uint32_t)strlen(s);
        for (const char *p = s; *p; p++)
                out[n++] = (uint8_t)*p;
        out[n++] = attr_cells[i].attr;
        return n;
}

static void test_mixed_index_get_and_getnext_reach_every_cell(void **state)
{
        (void)state;
        struct attr_fixture *f = attr_fixture();
        uint32_t cell[MIB_OID_MAX], next[MIB_OID_MAX];
        struct mib_hit h;
        assert_int_equal(mib_tree_next(&f->tree, OID(3, 2, 1), &h), 0);
        assert_oid(&h, next, attr_cell_oid(0, next));
        for (size_t c = 0; c < 2 * N_ATTR; c++) {
                size_t len = attr_cell_oid(c, cell);
                assert_int_equal(mib_tree_get(&f->tree, cell, len, &h), 0);
                assert_oid(&h, cell, len);
                assert_int_equal(h.value.i, (int64_t)(c % N_ATTR) * 20 + attr_cols[c / N_ATTR]);
                int r = mib_tree_next(&f->tree, cell, len, &h);
                if (c + 1 == 2 * N_ATTR) {
                        assert_int_equal(r, -ENOENT);
                } else {
                        assert_int_equal(r, 0);
                        assert_oid(&h, next, attr_cell_oid(c + 1, next));
                }
        }
        assert_int_equal(attr_cell_oid(N_ATTR - 1, cell), 3 + 1 + 66); /* the longest fits */
}

static void test_get_with_a_length_past_the_request_is_no_such_instance(void **state)
{
        (void)state;
        static const char *const abc[] = {"abc"};
        static struct named_rows nr;
        named_rows_build(&nr, abc, 1, false);
        const struct mib_table names = {"names", {3, 1, 1}, 3, name_cols, 1, get_num, &nr.rows};
        const struct mib_table *const t[] = {&names};
        const struct mib_tree tr = {t, 1};
        struct mib_hit h;
        /* an exact-size array: under ASan a walker that believed the 200 would read past it */
        static const uint32_t req[] = {3, 1, 1, 2, 200, 'a', 'b', 'c'};
        assert_int_equal(mib_tree_get(&tr, req, 8, &h), -ESRCH);
        assert_int_equal(mib_tree_get(&tr, OID(3, 1, 1, 2, 3, 'a', 'b', 'c'), &h), 0);
}

static void test_get_with_a_sub_id_over_255_in_a_string_is_no_such_instance(void **state)
{
        (void)state;
        /* "a\0c" is a real name; 256 must not be taken for 0 by narrowing */
        static uint32_t key[4];
        static const uint32_t zero = 0;
        static struct mib_row row;
        assert_int_equal(mib_index_encode_string("a\0c", 3, false, key, 4), 4);
        assert_int_equal(mib_row_set_index(&row, key, 4), 0);
        row.data = &zero;
        const struct mib_rows rows = {&row, 1};
        const struct mib_table names = {"names", {3, 1, 1}, 3, name_cols, 1, get_num, &rows};
        const struct mib_table *const t[] = {&names};
        const struct mib_tree tr = {t, 1};
        struct mib_hit h;
        assert_int_equal(mib_tree_get(&tr, OID(3, 1, 1, 2, 3, 'a', 256, 'c'), &h), -ESRCH);
        assert_int_equal(mib_tree_get(&tr, OID(3, 1, 1, 2, 3, 'a', 0, 'c'), &h), 0);
}

static void test_get_with_an_empty_or_overlong_index_is_no_such_instance(void **state)
{
        (void)state;
        struct attr_fixture *f = attr_fixture();
        uint32_t req[MIB_OID_MAX + 8];
        size_t len = attr_cell_oid(0, req);
        struct mib_hit h;
        assert_int_equal(mib_tree_get(&f->tree, req, 4, &h), -ESRCH); /* no index at all */
        req[len] = 0;                                                 /* one sub-id too many */
        assert_int_equal(mib_tree_get(&f->tree, req, len + 1, &h), -ESRCH);
        for (size_t i = len; i < sizeof(req) / sizeof(req[0]); i++)
                req[i] = 7;
        assert_int_equal(mib_tree_get(&f->tree, req, sizeof(req) / sizeof(req[0]), &h), -ESRCH);
}

static void test_getnext_from_an_overlong_request_returns_the_next_instance(void **state)
{
        (void)state;
        struct attr_fixture *f = attr_fixture();
        uint32_t req[200], want[MIB_OID_MAX];
        size_t len = attr_cell_oid(0, req); /* S1/1, then sub-ids no instance has */
        for (size_t i = len; i < 200; i++)
                req[i] = 4294967295u;
        struct mib_hit h;
        assert_int_equal(mib_tree_next(&f->tree, req, 200, &h), 0);
        assert_oid(&h, want, attr_cell_oid(1, want));
        assert_true(mib_oid_cmp(h.oid, h.oid_len, req, 200) > 0);
        /* what the handler passes on after cutting the request to MIB_OID_MAX */
        assert_int_equal(mib_tree_next(&f->tree, req, MIB_OID_MAX, &h), 0);
        assert_oid(&h, want, attr_cell_oid(1, want));
        /* past the longest row of column 2: first row of column 4 */
        len = attr_cell_oid(N_ATTR - 1, req);
        for (size_t i = len; i < 200; i++)
                req[i] = 0;
        assert_int_equal(mib_tree_next(&f->tree, req, 200, &h), 0);
        assert_oid(&h, want, attr_cell_oid(N_ATTR, want));
}

static void test_getnext_from_a_malformed_index_returns_the_next_greater_instance(void **state)
{
        (void)state;
        struct attr_fixture *f = attr_fixture();
        uint32_t want[MIB_OID_MAX];
        struct mib_hit h;
        /* a length of 200 sorts after every serial of column 2 */
        assert_int_equal(mib_tree_next(&f->tree, OID(3, 2, 1, 2, 200, 'a', 'b', 'c'), &h), 0);
        assert_oid(&h, want, attr_cell_oid(N_ATTR, want));
        /* {2,'S',300} sorts after every S1 row, before "WD-WCC4N7" (length 9) */
        assert_int_equal(mib_tree_next(&f->tree, OID(3, 2, 1, 2, 2, 'S', 300), &h), 0);
        assert_oid(&h, want, attr_cell_oid(3, want));
        /* a partial string sorts before the rows that start with it */
        assert_int_equal(mib_tree_next(&f->tree, OID(3, 2, 1, 2, 2, 'S'), &h), 0);
        assert_oid(&h, want, attr_cell_oid(0, want));
}

static void test_getnext_never_answers_backwards_over_unsorted_rows(void **state)
{
        (void)state;
        /* a module bug: {5} sits before {2}, and {5} has no column 3 (odd data) */
        static const uint32_t d2 = 2, d5 = 5, d4 = 4;
        static const struct mib_row bad[] = {
            {.idx = {1}, .idx_len = 1, .data = &d2},
            {.idx = {5}, .idx_len = 1, .data = &d5},
            {.idx = {2}, .idx_len = 1, .data = &d4},
        };
        static const struct mib_rows rows = {bad, 3};
        static const unsigned cols[] = {3, 4};
        static const struct mib_table tb = {"bad", {7}, 1, cols, 2, get_num, &rows};
        static const struct mib_table *const t[] = {&tb};
        static const struct mib_tree tr = {t, 1};
        struct mib_hit h;
        assert_int_equal(mib_tree_next(&tr, OID(7, 3, 4), &h), 0);
        assert_true(mib_oid_cmp(h.oid, h.oid_len, OID(7, 3, 4)) > 0);
        assert_oid(&h, OID(7, 4, 1));
}

static void test_getnext_never_answers_the_requested_instance_over_unsorted_rows(void **state)
{
        (void)state;
        /* a module bug: {5} and {3} before {2}, and neither has column 3 (odd data), so the
         * scan after the binary search reaches {2}, the very instance asked for */
        static const uint32_t d5 = 5, d3 = 3, d2 = 2;
        static const struct mib_row bad[] = {
            {.idx = {5}, .idx_len = 1, .data = &d5},
            {.idx = {3}, .idx_len = 1, .data = &d3},
            {.idx = {2}, .idx_len = 1, .data = &d2},
        };
        static const struct mib_rows rows = {bad, 3};
        static const unsigned cols[] = {3, 4};
        static const struct mib_table tb = {"bad", {7}, 1, cols, 2, get_num, &rows};
        static const struct mib_table *const t[] = {&tb};
        static const struct mib_tree tr = {t, 1};
        struct mib_hit h;
        assert_int_equal(mib_tree_next(&tr, OID(7, 3, 2), &h), 0);
        assert_true(mib_oid_cmp(h.oid, h.oid_len, OID(7, 3, 2)) > 0);
        assert_oid(&h, OID(7, 4, 5));
}

static void test_a_row_with_an_index_too_long_to_serve_is_skipped(void **state)
{
        (void)state;
        /* a snapshot row mib_tree_check() never saw: 200 sub-ids would not fit a hit */
        static uint32_t key[200];
        for (size_t i = 0; i < 200; i++)
                key[i] = 1;
        static const struct mib_row rv[] = {
            {.idx = {1}, .idx_len = 1, .data = &n2},
            {.idx_len = 200, .data = &n2, .idx_ext = key},
            {.idx = {2}, .idx_len = 1, .data = &n4},
        };
        static const struct mib_rows rows = {rv, 3};
        static const struct mib_table tb = {"tooLong", {7}, 1, name_cols, 1, get_num, &rows};
        static const struct mib_table *const t[] = {&tb};
        static const struct mib_tree tr = {t, 1};
        struct mib_hit h;
        assert_int_equal(mib_tree_next(&tr, OID(7, 2, 1), &h), 0);
        assert_oid(&h, OID(7, 2, 2));
        uint32_t req[202] = {7, 2};
        memcpy(req + 2, key, sizeof(key));
        assert_int_equal(mib_tree_get(&tr, req, 202, &h), -ESRCH);
        assert_int_equal(mib_rows_check(&rows, "tooLong", NULL, 0), -EINVAL);
}

/* ---- sorting and checks ---- */

static void test_rows_sort_orders_shuffled_rows(void **state)
{
        (void)state;
        /* names in OID order (length first), each with ids in order: the rows' OID order */
        static const char *const names[] = {"a", "b", "aa", "ab", "ba", "abc", "x123456"};
        static const uint32_t ids[] = {1, 2, 300};
        enum { N = 7 * 3 };
        static uint32_t keys[N][MIB_INDEX_LEN_MAX];
        static uint32_t pos[N];
        struct mib_row v[N];
        for (size_t i = 0; i < N; i++) {
                const char *s = names[i / 3];
                int k = mib_index_encode_string(s, strlen(s), false, keys[i], MIB_INDEX_LEN_MAX);
                assert_true(k > 0);
                keys[i][k] = ids[i % 3];
                pos[i] = (uint32_t)i;
                assert_int_equal(mib_row_set_index(&v[i], keys[i], (size_t)k + 1), 0);
                v[i].data = &pos[i];
        }
        uint32_t seed = 12345;
        for (size_t i = N - 1; i > 0; i--) {
                seed = seed * 1103515245u + 12345u;
                size_t j = (seed >> 16) % (i + 1);
                struct mib_row tmp = v[i];
                v[i] = v[j];
                v[j] = tmp;
        }
        const struct mib_rows rows = {v, N};
        assert_int_equal(mib_rows_check(&rows, "shuffled", NULL, 0), -EINVAL);
        mib_rows_sort(v, N);
        for (size_t i = 0; i < N; i++)
                assert_int_equal(*(const uint32_t *)v[i].data, i);
        assert_int_equal(mib_rows_check(&rows, "sorted", NULL, 0), 0);
}

static void test_rows_check_rejects_duplicate_rows(void **state)
{
        (void)state;
        static const struct mib_row dup[] = {
            {.idx = {1, 2}, .idx_len = 2, .data = &n1},
            {.idx = {1, 2}, .idx_len = 2, .data = &n2},
        };
        const struct mib_rows rows = {dup, 2};
        char err[200] = "";
        assert_int_equal(mib_rows_check(&rows, "dupTable", err, sizeof(err)), -EINVAL);
        assert_non_null(strstr(err, "dupTable"));
}

static void test_rows_check_rejects_a_long_inline_index(void **state)
{
        (void)state;
        static const struct mib_row longrow[] = {{.idx = {1, 2}, .idx_len = 5, .data = &n1}};
        const struct mib_rows rows = {longrow, 1};
        assert_int_equal(mib_rows_check(&rows, "long", NULL, 0), -EINVAL);
}

/* Expect mib_tree_check to refuse tree with a message naming each of the given tables. */
static void assert_tree_refused(const struct mib_tree *tr, const char *name1, const char *name2)
{
        char err[256] = "";
        assert_int_equal(mib_tree_check(tr, err, sizeof(err)), -EINVAL);
        if (!strstr(err, name1) || (name2 && !strstr(err, name2)))
                fail_msg("message does not name %s%s%s: %s", name1, name2 ? " and " : "",
                         name2 ? name2 : "", err);
}

static void test_tree_check_rejects_unsorted_columns(void **state)
{
        (void)state;
        static const unsigned cols[] = {1, 3, 2};
        static const struct mib_table tb = {"badCols", {4, 1, 1}, 3, cols, 3, get_num, NULL};
        static const struct mib_table *const t[] = {&scalars, &tb};
        assert_tree_refused(&(struct mib_tree){t, 2}, "badCols", NULL);
}

static void test_tree_check_rejects_a_repeated_column(void **state)
{
        (void)state;
        static const unsigned cols[] = {1, 2, 2, 3};
        static const struct mib_table tb = {"twiceCol", {4, 1, 1}, 3, cols, 4, get_num, NULL};
        static const struct mib_table *const t[] = {&scalars, &tb};
        assert_tree_refused(&(struct mib_tree){t, 2}, "twiceCol", NULL);
}

static void test_tree_check_rejects_a_zero_column(void **state)
{
        (void)state;
        static const unsigned cols[] = {0, 1};
        static const struct mib_table tb = {"zeroCol", {4, 1, 1}, 3, cols, 2, get_num, NULL};
        static const struct mib_table *const t[] = {&tb};
        assert_tree_refused(&(struct mib_tree){t, 1}, "zeroCol", NULL);
}

static void test_tree_check_rejects_a_table_without_getter(void **state)
{
        (void)state;
        static const struct mib_table tb = {"noGet", {4, 1, 1}, 3, member_cols, 2, NULL, NULL};
        static const struct mib_table *const t[] = {&tb};
        assert_tree_refused(&(struct mib_tree){t, 1}, "noGet", NULL);
}

static void test_tree_check_rejects_an_empty_oid(void **state)
{
        (void)state;
        static const struct mib_table tb = {"noOid", {0}, 0, member_cols, 2, get_num, NULL};
        static const struct mib_table *const t[] = {&tb};
        assert_tree_refused(&(struct mib_tree){t, 1}, "noOid", NULL);
}

static void test_tree_check_rejects_a_duplicate_table_oid(void **state)
{
        (void)state;
        static const struct mib_table a = {"first", {4, 1, 1}, 3, member_cols, 2, get_num, NULL};
        static const struct mib_table b = {"second", {4, 1, 1}, 3, nested_cols, 2, get_num, NULL};
        static const struct mib_table *const t[] = {&a, &b};
        assert_tree_refused(&(struct mib_tree){t, 2}, "first", "second");
}

static void test_tree_check_rejects_tables_out_of_order(void **state)
{
        (void)state;
        /* the tree the walker tests use lists members {2,2,1} before scalars {1} */
        assert_tree_refused(&tree, "members", "scalars");
}

static void test_tables_sort_puts_a_tree_in_oid_order(void **state)
{
        (void)state;
        const struct mib_table *t[4];
        memcpy(t, all, sizeof(t));
        mib_tables_sort(t, 4);
        assert_ptr_equal(t[0], &scalars);
        assert_ptr_equal(t[1], &nested);
        assert_ptr_equal(t[2], &empty);
        assert_ptr_equal(t[3], &members);
        char err[256] = "";
        const struct mib_tree tr = {t, 4};
        if (mib_tree_check(&tr, err, sizeof(err)) != 0)
                fail_msg("%s", err);
}

static void test_tree_check_rejects_a_table_nested_on_an_outer_column(void **state)
{
        (void)state;
        /* like srvhAgent, but serving column 5 where srvhModuleTable sits */
        static const unsigned cols[] = {1, 2, 3, 4, 5};
        static const struct mib_table outer = {"outerGroup", {1}, 1, cols, 5, get_num, NULL};
        static const struct mib_table inner = {"innerTable", {1, 5, 1}, 3, member_cols, 2,
                                               get_num,      NULL};
        static const struct mib_table *const t[] = {&outer, &inner};
        assert_tree_refused(&(struct mib_tree){t, 2}, "outerGroup", "innerTable");
}

static void test_tree_check_rejects_unsorted_rows(void **state)
{
        (void)state;
        static const struct mib_row rv[] = {
            {.idx = {2}, .idx_len = 1, .data = &n2},
            {.idx = {1}, .idx_len = 1, .data = &n1},
        };
        static const struct mib_rows rows = {rv, 2};
        static const struct mib_table tb = {"rowsBackwards", {4, 1, 1}, 3, member_cols, 2,
                                            get_num,         &rows};
        static const struct mib_table *const t[] = {&scalars, &tb};
        assert_tree_refused(&(struct mib_tree){t, 2}, "rowsBackwards", NULL);
}

static void test_tree_check_accepts_the_agent_layout(void **state)
{
        (void)state;
        /* srvhAgent {1} around srvhModuleTable {1,5,1}, srvhEvents {6} around srvhEventTable
         * {6,1,1}, and the md module's tables, listed as agent_mib.c assembles them */
        static const unsigned agent_cols[] = {SRVH_AGENT_VERSION,        SRVH_AGENT_START_TIME,
                                              SRVH_AGENT_OVERALL_STATUS, SRVH_AGENT_OVERALL_MESSAGE,
                                              SRVH_AGENT_NOTIFY_QUEUED,  SRVH_AGENT_NOTIFY_DROPPED,
                                              SRVH_AGENT_MASTER_CONNECTS};
        static const unsigned module_cols[] = {2, 3, 4, 5, 6, 7, 8, 9};
        static const unsigned event_cols[] = {2, 3, 4, 5, 6};
        static const unsigned event_scalar_cols[] = {SRVH_EVENT_LAST_SEQ};
        static const struct mib_table agent = {"srvhAgent", {SRVH_AGENT}, 1,           agent_cols,
                                               7,           get_num,      &scalar_rows};
        static const struct mib_table modules = {
            "srvhModuleTable", {SRVH_AGENT, SRVH_AGENT_MODULE_TABLE, 1}, 3, module_cols, 8, get_num,
            &nested_rows};
        static const struct mib_table events = {
            "srvhEventTable", {SRVH_EVENTS, SRVH_EVENT_TABLE, 1}, 3, event_cols, 5, get_num,
            &no_rows};
        static const struct mib_table event_scalars = {
            "srvhEvents", {SRVH_EVENTS}, 1, event_scalar_cols, 1, get_num, &scalar_rows};
        const struct mib_table *t[4 + 2] = {&agent, &modules, &events, &event_scalars};
        size_t n = 4;
        for (size_t i = 0; i < md_module.n_tables; i++)
                t[n++] = &md_module.tables[i];
        assert_int_equal(n, 6);
        mib_tables_sort(t, n);
        char err[256] = "";
        if (mib_tree_check(&(struct mib_tree){t, n}, err, sizeof(err)) != 0)
                fail_msg("%s", err);
        assert_ptr_equal(t[0], &agent);
        assert_ptr_equal(t[1], &modules);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_walk_visits_every_instance_in_oid_order),
            cmocka_unit_test(test_getnext_result_reads_back_with_get),
            cmocka_unit_test(test_get_value_comes_from_the_row),
            cmocka_unit_test(test_get_unknown_column_is_no_such_object),
            cmocka_unit_test(test_get_missing_row_is_no_such_instance),
            cmocka_unit_test(test_getnext_inside_an_index_moves_to_the_next_row),
            cmocka_unit_test(test_getnext_past_the_tree_finds_nothing),
            cmocka_unit_test(test_getnext_skips_an_empty_table),
            cmocka_unit_test(test_getnext_on_a_table_prefix_starts_at_its_first_cell),
            cmocka_unit_test(test_values_are_clamped_to_their_smi_range),
            cmocka_unit_test(test_datetime_encodes_utc_per_rfc2579),
            cmocka_unit_test(test_getnext_keeps_values_held_in_the_scratch_buffer),
            cmocka_unit_test(test_string_index_is_length_then_one_sub_id_per_octet),
            cmocka_unit_test(test_implied_string_index_has_no_length),
            cmocka_unit_test(test_string_index_over_64_octets_is_refused),
            cmocka_unit_test(test_string_index_encode_refuses_a_short_destination),
            cmocka_unit_test(test_string_index_decodes_back_at_0_1_63_64_octets),
            cmocka_unit_test(test_string_index_decode_rejects_a_sub_id_over_255),
            cmocka_unit_test(test_string_index_decode_rejects_a_length_past_the_end),
            cmocka_unit_test(test_string_index_decode_rejects_more_than_64_octets),
            cmocka_unit_test(test_string_index_decode_refuses_a_short_output),
            cmocka_unit_test(test_row_index_up_to_four_sub_ids_sits_inline),
            cmocka_unit_test(test_getnext_walks_string_indexes_shorter_first),
            cmocka_unit_test(test_getnext_walks_implied_string_indexes_in_byte_order),
            cmocka_unit_test(test_mixed_index_get_and_getnext_reach_every_cell),
            cmocka_unit_test(test_get_with_a_length_past_the_request_is_no_such_instance),
            cmocka_unit_test(test_get_with_a_sub_id_over_255_in_a_string_is_no_such_instance),
            cmocka_unit_test(test_get_with_an_empty_or_overlong_index_is_no_such_instance),
            cmocka_unit_test(test_getnext_from_an_overlong_request_returns_the_next_instance),
            cmocka_unit_test(test_getnext_from_a_malformed_index_returns_the_next_greater_instance),
            cmocka_unit_test(test_getnext_never_answers_backwards_over_unsorted_rows),
            cmocka_unit_test(test_getnext_never_answers_the_requested_instance_over_unsorted_rows),
            cmocka_unit_test(test_a_row_with_an_index_too_long_to_serve_is_skipped),
            cmocka_unit_test(test_rows_sort_orders_shuffled_rows),
            cmocka_unit_test(test_rows_check_rejects_duplicate_rows),
            cmocka_unit_test(test_rows_check_rejects_a_long_inline_index),
            cmocka_unit_test(test_tree_check_rejects_unsorted_columns),
            cmocka_unit_test(test_tree_check_rejects_a_repeated_column),
            cmocka_unit_test(test_tree_check_rejects_a_zero_column),
            cmocka_unit_test(test_tree_check_rejects_a_table_without_getter),
            cmocka_unit_test(test_tree_check_rejects_an_empty_oid),
            cmocka_unit_test(test_tree_check_rejects_a_duplicate_table_oid),
            cmocka_unit_test(test_tree_check_rejects_tables_out_of_order),
            cmocka_unit_test(test_tables_sort_puts_a_tree_in_oid_order),
            cmocka_unit_test(test_tree_check_rejects_a_table_nested_on_an_outer_column),
            cmocka_unit_test(test_tree_check_rejects_unsorted_rows),
            cmocka_unit_test(test_tree_check_accepts_the_agent_layout),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
