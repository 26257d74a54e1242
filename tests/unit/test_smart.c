/* The smart module below the collector: test disks built from the ATA spec (tests/tools/
 * blob_builder.h) read through the real libatasmart (smart_read_blob), the pure blob and IDENTIFY
 * decoders, the row builder (keys, carry-over, health, temperature hysteresis, cells that do not
 * exist), the notification diff and the config tokens. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <atasmart.h>
#include <cmocka.h>

#include "../tools/blob_builder.h"
#include "core/module.h"
#include "smart/smart_config.h"
#include "smart/smart_model.h"
#include "smart/smart_read.h"
#include "srvhealth/oids.h"

extern const struct module_ops smart_module;

static uint8_t blob[BB_BLOB_MAX];

static int read_disk(void (*make)(struct bb_disk *), struct smart_reading *r)
{
        struct bb_disk d;
        make(&d);
        size_t n = bb_blob(&d, blob);
        return smart_read_blob(blob, n, r);
}

/* ---- the builder writes pages as the ATA spec lays them out ---------------------------------- */

static void test_builder_pages_carry_the_ata_checksum(void **state)
{
        (void)state;
        struct bb_disk d;
        uint8_t p[BB_PAGE];
        bb_healthy_hdd(&d);
        void (*pages[])(const struct bb_disk *, uint8_t *) = {bb_identify, bb_smart_data,
                                                              bb_thresholds};
        for (size_t k = 0; k < 3; k++) {
                pages[k](&d, p);
                uint8_t sum = 0;
                for (size_t i = 0; i < BB_PAGE; i++)
                        sum = (uint8_t)(sum + p[i]);
                assert_int_equal(sum, 0);
        }
        bb_identify(&d, p);
        assert_int_equal(p[510], 0xa5); /* integrity word signature */
        /* "WDC " in words 27..28: first character in the high byte of each word */
        assert_memory_equal(p + 54, "DW C", 4);
}

static void test_builder_attribute_entries_are_12_bytes_from_offset_2(void **state)
{
        (void)state;
        struct bb_disk d;
        uint8_t p[BB_PAGE];
        bb_healthy_hdd(&d);
        bb_smart_data(&d, p);
        /* 10th entry is attribute 194: id, flags LE, value, worst, raw LE */
        const uint8_t *e = p + 2 + 12 * 9;
        assert_int_equal(e[0], 194);
        assert_int_equal(e[1], 0x22);
        assert_int_equal(e[3], 114);
        assert_int_equal(e[4], 101);
        assert_int_equal(e[5], 36);
        bb_thresholds(&d, p);
        assert_int_equal(p[2 + 12 * 3], 5);
        assert_int_equal(p[2 + 12 * 3 + 1], 140);
}

/* ---- pure decoders -------------------------------------------------------------------------- */

static void test_blob_find_walks_records_and_skips_unknown_tags(void **state)
{
        (void)state;
        uint8_t b[64] = {0};
        size_t n = 0;
        memcpy(b, "XTRA", 4);
        b[7] = 3; /* unknown tag, 3 bytes */
        n = 11;
        memcpy(b + n, "SMST", 4);
        b[n + 7] = 4;
        b[n + 11] = 1;
        n += 12;
        const uint8_t *p;
        size_t len;
        assert_int_equal(smart_blob_find(b, n, "SMST", &p, &len), 0);
        assert_int_equal(len, 4);
        assert_int_equal(p[3], 1);
        assert_int_equal(smart_blob_find(b, n, "IDFY", &p, &len), -ENOENT);
        assert_int_equal(smart_blob_find(b, n - 1, "SMST", &p, &len), -EINVAL); /* payload cut */
        assert_int_equal(smart_blob_find(b, 5, "XTRA", &p, &len), -EINVAL);     /* header cut */
        assert_int_equal(smart_blob_find(b, 0, "XTRA", &p, &len), -EINVAL);
}

static void test_identify_decodes_capacity_wwn_and_rotation(void **state)
{
        (void)state;
        struct bb_disk d;
        uint8_t p[BB_PAGE];
        struct smart_identify id;
        bb_healthy_hdd(&d);
        bb_identify(&d, p);
        assert_int_equal(smart_identify_decode(p, sizeof(p), &id), 0);
        assert_true(id.has_capacity);
        assert_int_equal(id.capacity_bytes, 7814037168ull * 512);
        assert_true(id.has_wwn);
        assert_int_equal(id.wwn, 0x50014ee2b1234567ull);
        assert_int_equal(id.rotation, 5400);
        assert_true(id.smart_supported);
        assert_true(id.smart_enabled);
        assert_int_equal(smart_identify_decode(p, 511, &id), -EINVAL);
}

static void test_identify_without_48bit_uses_words_60_61_and_4k_sectors_count(void **state)
{
        (void)state;
        struct bb_disk d;
        uint8_t p[BB_PAGE];
        struct smart_identify id;
        bb_ssd_no_temperature(&d);
        d.sectors = 1000000;
        bb_identify(&d, p);
        p[2 * 83 + 1] = 0x40; /* word 83: valid, but no 48-bit feature set */
        p[2 * 83] = 0x00;
        assert_int_equal(smart_identify_decode(p, sizeof(p), &id), 0);
        assert_int_equal(id.capacity_bytes, 1000000ull * 512);
        assert_false(id.has_wwn);
        /* word 106: logical sector of 2048 words (4096 bytes), words 117..118 */
        p[2 * 106 + 1] = 0x50; /* bits 14 and 12 */
        p[2 * 117] = 0x00;
        p[2 * 117 + 1] = 0x08;
        assert_int_equal(smart_identify_decode(p, sizeof(p), &id), 0);
        assert_int_equal(id.capacity_bytes, 1000000ull * 4096);
}

static void test_blob_write_round_trips_through_libatasmart(void **state)
{
        (void)state;
        struct bb_disk d;
        uint8_t id[BB_PAGE], data[BB_PAGE], thr[BB_PAGE], out[SMART_BLOB_FULL_MAX];
        struct smart_reading r;
        bb_reallocated(&d);
        bb_identify(&d, id);
        bb_smart_data(&d, data);
        bb_thresholds(&d, thr);
        size_t n = smart_blob_write(out, id, 1, data, thr);
        assert_int_equal(n, 1572);
        assert_int_equal(bb_blob(&d, blob), n);
        assert_memory_equal(out, blob, n);
        assert_int_equal(smart_read_blob(out, n, &r), 0);
        assert_int_equal(r.reallocated, 8);
}

/* ---- libatasmart reads what the builder wrote ----------------------------------------------- */

static void test_read_healthy_hdd(void **state)
{
        (void)state;
        struct smart_reading r;
        assert_int_equal(read_disk(bb_healthy_hdd, &r), 0);
        assert_int_equal(r.status, SMART_READ_OK);
        assert_string_equal(r.model, "WDC WD40EFRX-68N32N0");
        assert_string_equal(r.serial, "WD-WCC7K1234567");
        assert_string_equal(r.firmware, "82.00A82");
        assert_true(r.has_verdict);
        assert_int_equal(r.verdict, SMART_VERDICT_GOOD);
        assert_true(r.has_temperature);
        assert_int_equal(r.temperature_dc, 360);
        assert_int_equal(r.power_on_hours, 12345);
        assert_int_equal(r.power_cycles, 321);
        assert_true(r.has_reallocated && r.has_pending && r.has_offline_unc);
        assert_int_equal(r.reallocated + r.pending + r.offline_unc, 0);
        assert_int_equal(r.n_attrs, 15);
        assert_int_equal(r.power, SMART_POWER_UNKNOWN);
}

static void test_read_ssd_has_no_temperature(void **state)
{
        (void)state;
        struct smart_reading r;
        assert_int_equal(read_disk(bb_ssd_no_temperature, &r), 0);
        assert_false(r.has_temperature);
        assert_false(r.has_wwn);
        assert_int_equal(r.verdict, SMART_VERDICT_GOOD);
        assert_int_equal(r.power_on_hours, 9876);
}

static void test_read_reallocated_sectors_give_bad_sector(void **state)
{
        (void)state;
        struct smart_reading r;
        assert_int_equal(read_disk(bb_reallocated, &r), 0);
        assert_int_equal(r.verdict, SMART_VERDICT_BAD_SECTOR);
        assert_int_equal(r.reallocated, 8);
        assert_int_equal(r.pending, 2);
}

static void test_read_attribute_below_threshold_is_bad_attribute_now(void **state)
{
        (void)state;
        struct smart_reading r;
        assert_int_equal(read_disk(bb_below_threshold, &r), 0);
        assert_int_equal(r.verdict, SMART_VERDICT_BAD_ATTRIBUTE_NOW);
        assert_int_equal(r.attrs[0].id, 1);
        assert_true(r.attrs[0].good_now_valid);
        assert_false(r.attrs[0].good_now);
        assert_true(r.attrs[0].prefailure);
}

static void test_read_bad_status_wins(void **state)
{
        (void)state;
        struct smart_reading r;
        assert_int_equal(read_disk(bb_bad_status, &r), 0);
        assert_int_equal(r.verdict, SMART_VERDICT_BAD_STATUS);
}

static void test_read_without_smst_has_no_verdict_but_values(void **state)
{
        (void)state;
        struct smart_reading r;
        assert_int_equal(read_disk(bb_no_status, &r), 0);
        assert_false(r.has_verdict);
        assert_true(r.has_temperature);
        assert_int_equal(r.status, SMART_READ_OK);
}

static void test_read_minutes_quirk_counts_hours(void **state)
{
        (void)state;
        struct smart_reading r;
        assert_int_equal(read_disk(bb_minutes_quirk, &r), 0);
        assert_int_equal(r.power_on_hours, 10000); /* 600000 minutes */
        const struct smart_attr *a = NULL;
        for (size_t i = 0; i < r.n_attrs; i++)
                if (r.attrs[i].id == 9)
                        a = &r.attrs[i];
        assert_non_null(a);
        assert_string_equal(a->name, "power-on-minutes");
        assert_int_equal(a->raw, 600000);
}

/* The reader derives temperature, power-on hours and power cycles from its one walk of the
 * attributes; libatasmart's own getters must agree on every test disk. */
static void test_read_derived_values_match_libatasmart_getters(void **state)
{
        (void)state;
        void (*const disks[])(struct bb_disk *) = {bb_healthy_hdd, bb_ssd_no_temperature,
                                                   bb_reallocated, bb_below_threshold,
                                                   bb_minutes_quirk};
        for (size_t k = 0; k < sizeof(disks) / sizeof(disks[0]); k++) {
                struct smart_reading r;
                assert_int_equal(read_disk(disks[k], &r), 0);
                SkDisk *d = NULL;
                uint64_t v;
                assert_int_equal(sk_disk_open(NULL, &d), 0);
                struct bb_disk bd;
                disks[k](&bd);
                assert_int_equal(sk_disk_set_blob(d, blob, bb_blob(&bd, blob)), 0);
                assert_int_equal(sk_disk_smart_read_data(d), 0);
                bool has = sk_disk_smart_get_temperature(d, &v) == 0;
                assert_int_equal(r.has_temperature, has);
                if (has)
                        assert_int_equal(r.temperature_dc, ((int64_t)v - 273150) / 100);
                has = sk_disk_smart_get_power_on(d, &v) == 0;
                assert_int_equal(r.has_power_on, has);
                if (has)
                        assert_int_equal(r.power_on_hours, v / 3600000);
                has = sk_disk_smart_get_power_cycle(d, &v) == 0;
                assert_int_equal(r.has_power_cycles, has);
                if (has)
                        assert_int_equal(r.power_cycles, v);
                sk_disk_free(d);
        }
}

static void test_read_truncated_and_garbage_blobs_fail_cleanly(void **state)
{
        (void)state;
        struct bb_disk d;
        struct smart_reading r;
        bb_healthy_hdd(&d);
        size_t n = bb_blob(&d, blob);
        assert_int_equal(smart_read_blob(blob, n - 100, &r), -EINVAL);
        assert_int_equal(r.status, SMART_READ_FAILED);
        assert_non_null(strstr(r.error, "not a libatasmart blob"));
        const char junk[] = "IDFY this is not a blob";
        assert_int_equal(smart_read_blob(junk, sizeof(junk) - 1, &r), -EINVAL);
        assert_int_equal(smart_read_blob(blob, 0, &r), -EINVAL);
        /* a well-formed blob without IDENTIFY: libatasmart's mandatory record */
        assert_int_equal(smart_read_blob(blob + 8 + BB_PAGE, n - 8 - BB_PAGE, &r), -ENODATA);
        assert_non_null(strstr(r.error, "no IDENTIFY"));
}

static void test_read_smart_unsupported_is_unavailable_with_identity(void **state)
{
        (void)state;
        struct bb_disk d;
        struct smart_reading r;
        bb_healthy_hdd(&d);
        d.smart_supported = false;
        size_t n = bb_blob(&d, blob);
        assert_int_equal(smart_read_blob(blob, n, &r), 0);
        assert_int_equal(r.status, SMART_READ_UNAVAILABLE);
        assert_true(r.has_identity);
        assert_false(r.smart_available);
        assert_false(r.has_verdict);
}

/* ---- rows ----------------------------------------------------------------------------------- */

static struct smart_input input(const char *name, void (*make)(struct bb_disk *), int64_t t)
{
        struct smart_input in = {.name = name, .read_at = t};
        read_disk(make, &in.reading);
        return in;
}

static struct smart_input failed_input(const char *name, enum smart_read_status st)
{
        struct smart_input in = {.name = name, .read_at = 2000};
        in.reading.status = st;
        in.reading.power = SMART_POWER_UNKNOWN;
        snprintf(in.reading.error, sizeof(in.reading.error), "%s", "cannot read");
        return in;
}

static const struct smart_disk *by_name(const struct smart_data *d, const char *name)
{
        for (size_t i = 0; i < d->n_disks; i++)
                if (!strcmp(d->disks[i].name, name))
                        return &d->disks[i];
        fail_msg("no disk %s", name);
        return NULL;
}

static void test_rows_keyed_by_wwn_then_serial_then_name_and_sorted(void **state)
{
        (void)state;
        struct smart_input in[3] = {input("b", bb_healthy_hdd, 1000),
                                    input("a", bb_ssd_no_temperature, 1000),
                                    failed_input("c", SMART_READ_FAILED)};
        struct smart_data *d;
        assert_int_equal(smart_build(in, 3, NULL, NULL, &d), 0);
        assert_string_equal(by_name(d, "b")->key, "0x50014ee2b1234567");
        assert_string_equal(by_name(d, "a")->key, "S3Z2NB0K123456X");
        assert_string_equal(by_name(d, "c")->key, "dev:c");
        /* OID order: length first, so the 5-octet "dev:c" sorts before the others */
        assert_string_equal(d->disks[0].key, "dev:c");
        struct mib_rows rows = {.v = d->disk_rows, .n = d->n_disks};
        assert_int_equal(mib_rows_check(&rows, "disks", NULL, 0), 0);
        struct mib_rows attrs = {.v = d->attr_rows, .n = d->n_attr_rows};
        assert_int_equal(mib_rows_check(&attrs, "attrs", NULL, 0), 0);
        assert_int_equal(d->n_attr_rows, 15 + 8); /* the failed disk has none */
        /* an attribute row's index is the disk's key then the attribute id; the first rows
         * are the SSD's (its 15-octet key sorts before the 18-octet WWN) */
        size_t len;
        const uint32_t *ix = mib_row_index(&d->attr_rows[0], &len);
        assert_int_equal(len, 1 + 15 + 1);
        assert_int_equal(ix[0], 15);
        assert_int_equal(ix[1], 'S');
        assert_int_equal(ix[len - 1], 5);
        ix = mib_row_index(&d->attr_rows[d->n_attr_rows - 1], &len);
        assert_int_equal(len, 1 + 18 + 1);
        assert_int_equal(ix[len - 1], 200);
        smart_data_free(d);
}

static void test_rows_have_no_cell_for_values_that_do_not_exist(void **state)
{
        (void)state;
        struct smart_input in[2] = {input("ssd", bb_ssd_no_temperature, 1000),
                                    failed_input("bad", SMART_READ_FAILED)};
        struct smart_data *d;
        struct mib_value v;
        const struct mib_table *t = &smart_module.tables[0];
        assert_int_equal(smart_build(in, 2, NULL, NULL, &d), 0);
        const struct smart_disk *ssd = by_name(d, "ssd"), *bad = by_name(d, "bad");
        assert_int_equal(t->get(ssd, SRVH_DK_TEMPERATURE, &v), -ENOENT);
        assert_int_equal(t->get(ssd, SRVH_DK_WWN, &v), -ENOENT);
        assert_int_equal(t->get(ssd, SRVH_DK_POWER_ON, &v), 0);
        assert_int_equal(v.u, 9876);
        assert_int_equal(t->get(bad, SRVH_DK_MODEL, &v), -ENOENT);
        assert_int_equal(t->get(bad, SRVH_DK_VERDICT, &v), -ENOENT);
        assert_int_equal(t->get(bad, SRVH_DK_LAST_READ, &v), -ENOENT);
        assert_int_equal(t->get(bad, SRVH_DK_READ_STATUS, &v), 0);
        assert_int_equal(v.i, SMART_READ_FAILED);
        assert_int_equal(t->get(bad, SRVH_DK_HEALTH, &v), 0);
        assert_int_equal(v.i, SRVH_HEALTH_UNKNOWN);
        smart_data_free(d);
}

static void test_rows_health_follows_verdict_and_sector_counts(void **state)
{
        (void)state;
        struct smart_input in[4] = {
            input("good", bb_healthy_hdd, 1), input("re", bb_reallocated, 1),
            input("now", bb_below_threshold, 1), input("st", bb_bad_status, 1)};
        snprintf(in[1].reading.serial, sizeof(in[1].reading.serial), "R1");
        in[1].reading.has_wwn = in[2].reading.has_wwn = in[3].reading.has_wwn = false;
        snprintf(in[2].reading.serial, sizeof(in[2].reading.serial), "N1");
        snprintf(in[3].reading.serial, sizeof(in[3].reading.serial), "S1");
        struct smart_data *d;
        assert_int_equal(smart_build(in, 4, NULL, NULL, &d), 0);
        assert_int_equal(by_name(d, "good")->health, SRVH_HEALTH_OK);
        assert_int_equal(by_name(d, "re")->health, SRVH_HEALTH_WARNING);
        assert_non_null(strstr(by_name(d, "re")->summary, "8 reallocated"));
        assert_int_equal(by_name(d, "now")->health, SRVH_HEALTH_CRITICAL);
        assert_int_equal(by_name(d, "st")->health, SRVH_HEALTH_CRITICAL);
        assert_int_equal(d->health, SRVH_HEALTH_CRITICAL);
        assert_non_null(strstr(d->message, "3 of 4 disks not ok"));
        /* critical disks are named first */
        assert_true(strstr(d->message, "st ") < strstr(d->message, "re "));
        smart_data_free(d);
}

static void test_rows_keep_last_values_when_a_read_fails(void **state)
{
        (void)state;
        struct smart_input good = input("hdd", bb_healthy_hdd, 1000);
        struct smart_input bad = failed_input("hdd", SMART_READ_FAILED);
        struct smart_data *d1, *d2;
        assert_int_equal(smart_build(&good, 1, NULL, NULL, &d1), 0);
        assert_int_equal(smart_build(&bad, 1, d1, NULL, &d2), 0);
        const struct smart_disk *k = &d2->disks[0];
        assert_string_equal(k->key, "0x50014ee2b1234567"); /* same row */
        assert_true(k->has_values);
        assert_int_equal(k->r.temperature_dc, 360);
        assert_int_equal(k->last_read, 1000);
        assert_int_equal(k->status, SMART_READ_FAILED);
        assert_string_equal(k->error, "cannot read");
        assert_int_equal(k->health, SRVH_HEALTH_UNKNOWN);
        assert_int_equal(d2->n_attr_rows, 15);
        smart_data_free(d1);
        smart_data_free(d2);
}

static void test_rows_unavailable_disk_is_listed_but_not_judged(void **state)
{
        (void)state;
        struct bb_disk bd;
        bb_healthy_hdd(&bd);
        bd.smart_supported = false;
        struct smart_input in = {.name = "vda", .read_at = 5};
        smart_read_blob(blob, bb_blob(&bd, blob), &in.reading);
        struct smart_data *d;
        assert_int_equal(smart_build(&in, 1, NULL, NULL, &d), 0);
        assert_int_equal(d->disks[0].status, SMART_READ_UNAVAILABLE);
        assert_int_equal(d->disks[0].health, SRVH_HEALTH_OK);
        assert_int_equal(d->health, SRVH_HEALTH_OK);
        assert_string_equal(d->message, "");
        assert_int_equal(d->n_attr_rows, 0);
        smart_data_free(d);
}

static struct smart_data *build_temp(int32_t dc, const struct smart_data *prev)
{
        struct smart_input in = input("hdd", bb_healthy_hdd, 1);
        in.reading.temperature_dc = dc;
        struct smart_build_cfg cfg = {.temp_high_c = 55, .temp_hysteresis_c = 5};
        struct smart_data *d;
        assert_int_equal(smart_build(&in, 1, prev, &cfg, &d), 0);
        return d;
}

static void test_rows_temperature_alarm_has_hysteresis(void **state)
{
        (void)state;
        struct smart_data *a = build_temp(549, NULL);
        assert_false(a->disks[0].temp_alarm);
        struct smart_data *b = build_temp(550, a);
        assert_true(b->disks[0].temp_alarm);
        assert_int_equal(b->disks[0].health, SRVH_HEALTH_WARNING);
        struct smart_data *c = build_temp(510, b); /* under 55, over 50: still hot */
        assert_true(c->disks[0].temp_alarm);
        struct smart_data *e = build_temp(500, c); /* 50: back to normal */
        assert_false(e->disks[0].temp_alarm);
        struct smart_data *f = build_temp(510, e); /* 51 from normal: stays normal */
        assert_false(f->disks[0].temp_alarm);
        smart_data_free(a);
        smart_data_free(b);
        smart_data_free(c);
        smart_data_free(e);
        smart_data_free(f);
}

/* ---- notifications -------------------------------------------------------------------------- */

static const struct srvh_event *find_event(const struct event_list *l, unsigned trap)
{
        for (size_t i = 0; i < l->n; i++)
                if (l->v[i].trap == trap)
                        return &l->v[i];
        return NULL;
}

static struct smart_data *build1(void (*make)(struct bb_disk *), const struct smart_data *prev)
{
        struct smart_input in = input("hdd", make, 1);
        struct smart_data *d;
        assert_int_equal(smart_build(&in, 1, prev, NULL, &d), 0);
        return d;
}

static void test_diff_first_poll_raises_only_what_is_bad(void **state)
{
        (void)state;
        struct event_list l = {0};
        struct smart_data *good = build1(bb_healthy_hdd, NULL);
        assert_int_equal(smart_diff(NULL, good, &l), 0);
        assert_int_equal(l.n, 0);
        struct smart_data *bad = build1(bb_bad_status, NULL);
        assert_int_equal(smart_diff(NULL, bad, &l), 0);
        assert_int_equal(l.n, 1);
        assert_int_equal(l.v[0].trap, SRVH_TRAP_DISK_VERDICT_WORSE);
        assert_int_equal(l.v[0].severity, SRVH_HEALTH_CRITICAL);
        assert_string_equal(l.v[0].new_state, "badStatus");
        event_list_free(&l);
        smart_data_free(good);
        smart_data_free(bad);
}

static void test_diff_reallocation_raises_sector_and_verdict_events(void **state)
{
        (void)state;
        struct event_list l = {0};
        struct smart_data *a = build1(bb_healthy_hdd, NULL);
        struct smart_data *b = build1(bb_reallocated, a);
        assert_int_equal(smart_diff(a, b, &l), 0);
        const struct srvh_event *e = find_event(&l, SRVH_TRAP_DISK_REALLOC_INCREASED);
        assert_non_null(e);
        assert_int_equal(e->value, 8);
        assert_string_equal(e->object, "0x50014ee2b1234567");
        assert_string_equal(e->old_state, "0");
        e = find_event(&l, SRVH_TRAP_DISK_PENDING_INCREASED);
        assert_non_null(e);
        assert_int_equal(e->value, 2);
        e = find_event(&l, SRVH_TRAP_DISK_VERDICT_WORSE);
        assert_non_null(e);
        assert_string_equal(e->new_state, "badSector");
        assert_string_equal(e->old_state, "good");
        assert_int_equal(e->severity, SRVH_HEALTH_WARNING);
        assert_int_equal(l.n, 3);
        event_list_free(&l);
        /* and back: verdict better, no "decreased" event */
        struct smart_data *c = build1(bb_healthy_hdd, b);
        assert_int_equal(smart_diff(b, c, &l), 0);
        assert_int_equal(l.n, 1);
        assert_int_equal(l.v[0].trap, SRVH_TRAP_DISK_VERDICT_BETTER);
        assert_int_equal(l.v[0].severity, SRVH_HEALTH_OK);
        event_list_free(&l);
        smart_data_free(a);
        smart_data_free(b);
        smart_data_free(c);
}

static void test_diff_temperature_high_then_normal(void **state)
{
        (void)state;
        struct event_list l = {0};
        struct smart_data *a = build_temp(400, NULL);
        struct smart_data *b = build_temp(600, a);
        struct smart_data *c = build_temp(530, b);
        struct smart_data *e = build_temp(420, c);
        assert_int_equal(smart_diff(a, b, &l), 0);
        assert_int_equal(l.n, 1);
        assert_int_equal(l.v[0].trap, SRVH_TRAP_DISK_TEMP_HIGH);
        assert_int_equal(l.v[0].value, 600);
        assert_int_equal(smart_diff(b, c, &l), 0);
        assert_int_equal(l.n, 1); /* within the hysteresis: nothing */
        assert_int_equal(smart_diff(c, e, &l), 0);
        assert_int_equal(l.n, 2);
        assert_int_equal(l.v[1].trap, SRVH_TRAP_DISK_TEMP_NORMAL);
        assert_int_equal(l.v[1].severity, SRVH_HEALTH_OK);
        event_list_free(&l);
        smart_data_free(a);
        smart_data_free(b);
        smart_data_free(c);
        smart_data_free(e);
}

static void test_diff_read_failed_recovered_appeared_removed(void **state)
{
        (void)state;
        struct event_list l = {0};
        struct smart_input ok = input("hdd", bb_healthy_hdd, 1);
        struct smart_input bad = failed_input("hdd", SMART_READ_NO_PERMISSION);
        struct smart_input two[2] = {ok, input("ssd", bb_ssd_no_temperature, 1)};
        struct smart_data *a, *b, *c, *e;
        assert_int_equal(smart_build(&ok, 1, NULL, NULL, &a), 0);
        assert_int_equal(smart_build(&bad, 1, a, NULL, &b), 0);
        assert_int_equal(smart_build(two, 2, b, NULL, &c), 0);
        assert_int_equal(smart_build(&two[1], 1, c, NULL, &e), 0);
        assert_int_equal(smart_diff(a, b, &l), 0);
        assert_int_equal(l.n, 1);
        assert_int_equal(l.v[0].trap, SRVH_TRAP_DISK_READ_FAILED);
        assert_string_equal(l.v[0].new_state, "noPermission");
        assert_int_equal(smart_diff(b, c, &l), 0);
        assert_non_null(find_event(&l, SRVH_TRAP_DISK_READ_RECOVERED));
        assert_non_null(find_event(&l, SRVH_TRAP_DISK_APPEARED));
        assert_int_equal(l.n, 3);
        assert_int_equal(smart_diff(c, e, &l), 0);
        assert_int_equal(l.n, 4);
        assert_int_equal(l.v[3].trap, SRVH_TRAP_DISK_REMOVED);
        assert_string_equal(l.v[3].object, "0x50014ee2b1234567");
        event_list_free(&l);
        smart_data_free(a);
        smart_data_free(b);
        smart_data_free(c);
        smart_data_free(e);
}

/* ---- config tokens -------------------------------------------------------------------------- */

static void test_config_tokens(void **state)
{
        (void)state;
        const struct module_config_ops *ops = smart_module.config;
        struct smart_config *c = ops->new_config();
        char err[256];
        assert_int_equal(c->temp_high, 55);
        assert_int_equal(c->temp_hysteresis, 5);
        assert_int_equal(ops->parse(c, "smartBlob", "hdd /var/lib/x.blob", err, sizeof(err)), 0);
        assert_int_equal(c->n_blobs, 1);
        assert_string_equal(c->blobs[0].path, "/var/lib/x.blob");
        assert_int_equal(ops->parse(c, "smartBlob", "hdd /other", err, sizeof(err)), -EINVAL);
        assert_string_equal(err, "smartBlob: NAME 'hdd' is given twice");
        assert_int_equal(ops->parse(c, "smartBlob", "x relative.blob", err, sizeof(err)), -EINVAL);
        assert_non_null(strstr(err, "absolute path"));
        assert_int_equal(ops->parse(c, "smartBlob", "a/b /x", err, sizeof(err)), -EINVAL);
        assert_int_equal(ops->parse(c, "smartBlob", "onlyname", err, sizeof(err)), -EINVAL);
        assert_string_equal(err, "smartBlob: expected 'smartBlob NAME FILE'");
        assert_int_equal(ops->parse(c, "smartTemperatureHigh", "60", err, sizeof(err)), 0);
        assert_int_equal(c->temp_high, 60);
        assert_int_equal(ops->parse(c, "smartTemperatureHigh", "101", err, sizeof(err)), -EINVAL);
        assert_int_equal(ops->parse(c, "smartTemperatureHysteresis", "3", err, sizeof(err)), 0);
        assert_int_equal(c->temp_hysteresis, 3);
        ops->free_config(c);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_builder_pages_carry_the_ata_checksum),
            cmocka_unit_test(test_builder_attribute_entries_are_12_bytes_from_offset_2),
            cmocka_unit_test(test_blob_find_walks_records_and_skips_unknown_tags),
            cmocka_unit_test(test_identify_decodes_capacity_wwn_and_rotation),
            cmocka_unit_test(test_identify_without_48bit_uses_words_60_61_and_4k_sectors_count),
            cmocka_unit_test(test_blob_write_round_trips_through_libatasmart),
            cmocka_unit_test(test_read_healthy_hdd),
            cmocka_unit_test(test_read_ssd_has_no_temperature),
            cmocka_unit_test(test_read_reallocated_sectors_give_bad_sector),
            cmocka_unit_test(test_read_attribute_below_threshold_is_bad_attribute_now),
            cmocka_unit_test(test_read_bad_status_wins),
            cmocka_unit_test(test_read_without_smst_has_no_verdict_but_values),
            cmocka_unit_test(test_read_minutes_quirk_counts_hours),
            cmocka_unit_test(test_read_derived_values_match_libatasmart_getters),
            cmocka_unit_test(test_read_truncated_and_garbage_blobs_fail_cleanly),
            cmocka_unit_test(test_read_smart_unsupported_is_unavailable_with_identity),
            cmocka_unit_test(test_rows_keyed_by_wwn_then_serial_then_name_and_sorted),
            cmocka_unit_test(test_rows_have_no_cell_for_values_that_do_not_exist),
            cmocka_unit_test(test_rows_health_follows_verdict_and_sector_counts),
            cmocka_unit_test(test_rows_keep_last_values_when_a_read_fails),
            cmocka_unit_test(test_rows_unavailable_disk_is_listed_but_not_judged),
            cmocka_unit_test(test_rows_temperature_alarm_has_hysteresis),
            cmocka_unit_test(test_diff_first_poll_raises_only_what_is_bad),
            cmocka_unit_test(test_diff_reallocation_raises_sector_and_verdict_events),
            cmocka_unit_test(test_diff_temperature_high_then_normal),
            cmocka_unit_test(test_diff_read_failed_recovered_appeared_removed),
            cmocka_unit_test(test_config_tokens),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
