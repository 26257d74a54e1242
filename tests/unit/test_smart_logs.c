/* The SMART logs beyond the attribute page: self-test logs 06h/07h, error logs 01h/03h, SCT status
 * and ERC, built byte by byte from the ATA Command Set layouts (tests/tools/log_builder.h) and
 * decoded by the pure decoders; the summary srvhDiskEntry serves; the sysfs reader on a fixture
 * tree; and the row builder and diff on top (ERC on md members, a replaced disk, standby skips,
 * temperatures seen). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../tools/blob_builder.h"
#include "../tools/log_builder.h"
#include "smart/smart_logs.h"
#include "smart/smart_model.h"
#include "smart/smart_read.h"
#include "srvhealth/oids.h"

static uint8_t page[LB_PAGE];

#define PASSED_EXT                                                                                 \
        {                                                                                          \
                2, 0x00, 1000, 0                                                                   \
        }
#define FAILED_READ 0x70 /* result 7: read element failed */

/* ---- log 06h ------------------------------------------------------------------------------- */

static void test_selftest_newest_first_with_type_status_hour_and_lba(void **state)
{
        (void)state;
        struct lb_test t[] = {PASSED_EXT, {1, 0x00, 1100, 0}, {0x81, FAILED_READ, 1200, 123456}};
        struct smart_selftest_log log;
        lb_selftest(page, t, 3, 0);
        assert_int_equal(smart_selftest_decode(page, sizeof(page), &log), 0);
        assert_int_equal(log.n, 3);
        assert_int_equal(log.v[0].type, SMART_TEST_SHORT); /* captive short */
        assert_int_equal(log.v[0].status, SMART_TEST_FAILED_READ);
        assert_int_equal(log.v[0].hour, 1200);
        assert_true(log.v[0].has_lba);
        assert_int_equal(log.v[0].failing_lba, 123456);
        assert_int_equal(log.v[2].type, SMART_TEST_EXTENDED);
        assert_int_equal(log.v[2].status, SMART_TEST_PASSED);
        assert_false(log.v[2].has_lba);
}

static void test_selftest_ring_that_wrapped_starts_at_the_newest_index(void **state)
{
        (void)state;
        struct lb_test t[21];
        struct smart_selftest_log log;
        for (unsigned i = 0; i < 21; i++)
                t[i] = (struct lb_test){1, 0x00, (uint16_t)(100 + i), 0};
        lb_selftest(page, t, 21, 18); /* slots 18, 19, 20, then 0 .. 17 */
        assert_int_equal(page[508], 18);
        assert_int_equal(smart_selftest_decode(page, sizeof(page), &log), 0);
        assert_int_equal(log.n, 21);
        assert_int_equal(log.v[0].hour, 120);
        assert_int_equal(log.v[20].hour, 100);
}

static void test_selftest_bad_pages_are_refused(void **state)
{
        (void)state;
        struct lb_test t[] = {PASSED_EXT};
        struct smart_selftest_log log;
        lb_selftest(page, t, 1, 0);
        assert_int_equal(smart_selftest_decode(page, 100, &log), -EINVAL);
        page[10] ^= 1;
        assert_int_equal(smart_selftest_decode(page, sizeof(page), &log), -EBADMSG);
        page[10] ^= 1;
        page[508] = 22;
        lb_checksum(page);
        assert_int_equal(smart_selftest_decode(page, sizeof(page), &log), -EINVAL);
        lb_selftest(page, t, 0, 0);
        assert_int_equal(smart_selftest_decode(page, sizeof(page), &log), 0);
        assert_int_equal(log.n, 0);
}

/* ---- summary ------------------------------------------------------------------------------- */

static void summarise(const struct lb_test *t, size_t n, unsigned exec, uint64_t poh,
                      struct smart_selftest_summary *s)
{
        struct smart_selftest_log log;
        lb_selftest(page, t, n, 0);
        assert_int_equal(smart_selftest_decode(page, sizeof(page), &log), 0);
        smart_selftest_summarise(&log, true, exec >> 4, (exec & 15) * 10, true, poh, s);
}

static void test_summary_failure_counts_until_a_newer_long_test_passes(void **state)
{
        (void)state;
        struct smart_selftest_summary s;
        struct lb_test failed[] = {PASSED_EXT, {2, FAILED_READ, 1500, 99}, {1, 0x00, 1600, 0}};
        summarise(failed, 3, 0x00, 1700, &s);
        assert_int_equal(s.failures, 1);
        assert_int_equal(s.last_status, SMART_TEST_PASSED); /* the newest (short) test passed */
        assert_int_equal(s.last_type, SMART_TEST_SHORT);
        assert_true(s.has_since_long);
        assert_int_equal(s.since_long, 700);

        struct lb_test superseded[] = {{2, FAILED_READ, 1500, 99}, {2, 0x00, 1600, 0}};
        summarise(superseded, 2, 0x00, 1700, &s);
        assert_int_equal(s.failures, 0);
        assert_int_equal(s.since_long, 100);
}

static void test_summary_aborted_and_interrupted_are_not_failures(void **state)
{
        (void)state;
        struct smart_selftest_summary s;
        struct lb_test t[] = {{2, 0x10, 10, 0}, {2, 0x20, 20, 0}};
        summarise(t, 2, 0x20, 30, &s);
        assert_int_equal(s.failures, 0);
        assert_int_equal(s.last_status, SMART_TEST_INTERRUPTED);
        assert_false(s.has_since_long);
}

static void test_summary_running_test_is_in_progress_never_a_failure(void **state)
{
        (void)state;
        struct smart_selftest_summary s;
        struct lb_test t[] = {PASSED_EXT};
        summarise(t, 1, 0xf3, 1010, &s); /* 30 % left */
        assert_true(s.in_progress);
        assert_int_equal(s.remaining_pct, 30);
        assert_int_equal(s.last_status, SMART_TEST_IN_PROGRESS);
        assert_int_equal(s.failures, 0);
        assert_false(s.has_last_hour);
        assert_int_equal(s.last_type, 0); /* not logged yet: no type */
}

static void test_summary_hours_wrap_at_65536(void **state)
{
        (void)state;
        struct smart_selftest_summary s;
        struct lb_test t[] = {{2, 0x00, 65530, 0}};
        summarise(t, 1, 0, 65536 + 4, &s); /* the drive's 16-bit clock wrapped since */
        assert_int_equal(s.since_long, 10);
}

static void test_summary_without_a_log_uses_the_execution_status(void **state)
{
        (void)state;
        struct smart_selftest_summary s;
        smart_selftest_summarise(NULL, true, 7, 0, true, 10, &s);
        assert_true(s.has_last);
        assert_int_equal(s.last_status, SMART_TEST_FAILED_READ);
        assert_int_equal(s.failures, 1);
        smart_selftest_summarise(NULL, true, 0, 0, true, 10, &s);
        assert_false(s.has_last); /* 0 is also "never run" */
}

/* ---- log 07h, error logs, SCT -------------------------------------------------------------- */

static void test_xselftest_has_48_bit_lbas(void **state)
{
        (void)state;
        struct lb_test t[] = {PASSED_EXT, {2, 0x80, 1100, 0x123456789aull}};
        struct smart_selftest_log log;
        lb_xselftest(page, t, 2);
        assert_int_equal(smart_xselftest_decode(page, sizeof(page), &log), 0);
        assert_int_equal(log.n, 2);
        assert_int_equal(log.v[0].status, SMART_TEST_FAILED_HANDLING);
        assert_int_equal(log.v[0].failing_lba, 0x123456789aull);
        assert_int_equal(smart_xselftest_decode(page, 700, &log), -EINVAL);
}

static void test_error_log_counts(void **state)
{
        (void)state;
        uint32_t n = 0;
        lb_errlog(page, 7);
        assert_int_equal(smart_errlog_count(page, sizeof(page), &n), 0);
        assert_int_equal(n, 7);
        lb_xerrlog(page, 300);
        assert_int_equal(smart_xerrlog_count(page, sizeof(page), &n), 0);
        assert_int_equal(n, 300);
        page[0] = 2;
        lb_checksum(page);
        assert_int_equal(smart_xerrlog_count(page, sizeof(page), &n), -EINVAL);
        lb_errlog(page, 1);
        page[452] = 9; /* count changed, checksum not */
        assert_int_equal(smart_errlog_count(page, sizeof(page), &n), -EBADMSG);
}

static void test_sct_status_temperatures_and_invalid_marker(void **state)
{
        (void)state;
        struct smart_sct_temps t;
        lb_sct_status(page, 36, 30, 41, 18, 52);
        assert_int_equal(smart_sct_status_decode(page, sizeof(page), &t), 0);
        assert_true(t.has_life_min && t.has_life_max);
        assert_int_equal(t.life_min, 18);
        assert_int_equal(t.life_max, 52);
        lb_sct_status(page, 36, 30, 41, (int8_t)0x80, -5);
        assert_int_equal(smart_sct_status_decode(page, sizeof(page), &t), 0);
        assert_false(t.has_life_min);
        assert_int_equal(t.life_max, -5);
        page[0] = 9;
        assert_int_equal(smart_sct_status_decode(page, sizeof(page), &t), -EINVAL);
}

static void test_erc_text_state_and_command(void **state)
{
        (void)state;
        uint16_t rd, wr;
        const char ok[] = "read 70\nwrite 70\n";
        assert_int_equal(smart_erc_text_decode(ok, strlen(ok), &rd, &wr), 0);
        assert_int_equal(rd, 70);
        assert_int_equal(smart_erc_state_of(true, rd, wr), SMART_ERC_ENABLED);
        assert_int_equal(smart_erc_state_of(true, 0, 70), SMART_ERC_DISABLED);
        assert_int_equal(smart_erc_state_of(false, 70, 70), SMART_ERC_UNSUPPORTED);
        const char *bad[] = {"read 70\n", "read -1\nwrite 2\n", "read 70\nwrite 70\nread 1\n",
                             "speed 3\nread 1\nwrite 1\n", "read 70000000\nwrite 1\n"};
        for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
                assert_int_equal(smart_erc_text_decode(bad[i], strlen(bad[i]), &rd, &wr), -EINVAL);
        smart_sct_erc_command(page, 2);
        assert_int_equal(page[0], 3); /* action: error recovery control */
        assert_int_equal(page[2], 2); /* function: return current */
        assert_int_equal(page[4], 2); /* selection: write timer */
}

static void test_link_speeds(void **state)
{
        (void)state;
        uint32_t m = 0;
        assert_int_equal(smart_link_speed_parse("6.0 Gbps\n", &m), 0);
        assert_int_equal(m, 6000);
        assert_int_equal(smart_link_speed_parse("1.5 Gbps", &m), 0);
        assert_int_equal(m, 1500);
        assert_int_equal(smart_link_speed_parse("<unknown>\n", &m), -ENODATA);
        assert_int_equal(smart_link_speed_parse("fast", &m), -EINVAL);
        assert_int_equal(smart_link_speed_parse("3.0 Gbps junk", &m), -EINVAL);
        struct bb_disk d;
        bb_healthy_hdd(&d);
        d.sata_caps = 0x0006; /* 1.5 and 3.0 */
        bb_identify(&d, page);
        assert_int_equal(smart_identify_max_link(page, sizeof(page)), 3000);
        d.sata_caps = 0;
        bb_identify(&d, page);
        assert_int_equal(smart_identify_max_link(page, sizeof(page)), 0);
}

/* ---- sysfs --------------------------------------------------------------------------------- */

static void test_sysfs_md_partitions_timeout_and_link(void **state)
{
        (void)state;
        struct smart_sysinfo si;
        smart_sysfs_read(SRVH_FIXTURES "/smart-sysfs/raid-member", "sda", &si);
        assert_string_equal(si.raid, "md0 md1");
        assert_true(si.has_timeout);
        assert_int_equal(si.timeout_s, 30);
        assert_true(si.has_link && si.has_link_max);
        assert_int_equal(si.link_mbps, 3000);
        assert_int_equal(si.link_max_mbps, 6000);
        assert_string_equal(si.slot,
                            "devices/pci0000:00/0000:00:17.0/ata3/host2/target2:0:0/2:0:0:0");
        smart_sysfs_read(SRVH_FIXTURES "/smart-sysfs/raid-member", "sdz", &si);
        assert_string_equal(si.raid, "");
        assert_false(si.has_timeout || si.has_link);
        smart_sysfs_read(SRVH_FIXTURES "/smart-sysfs/raid-member", "../block", &si);
        assert_false(si.has_timeout);
}

/* ---- rows and events ----------------------------------------------------------------------- */

static uint8_t blob[BB_BLOB_MAX];

/* A healthy disk read through libatasmart, with deep values decoded from pages built here. */
static struct smart_input disk(const char *name, const char *serial, uint16_t sct_caps, bool erc,
                               uint16_t erc_ds, const char *raid)
{
        struct bb_disk d;
        struct smart_input in = {.name = name, .read_at = 1000};
        bb_healthy_hdd(&d);
        d.serial = serial;
        d.wwn = 0;
        d.sct_caps = sct_caps;
        size_t n = bb_blob(&d, blob);
        assert_int_equal(smart_read_blob(blob, n, &in.reading), 0);
        uint8_t idf[BB_PAGE];
        bb_identify(&d, idf);
        struct smart_log_pages pg = {.identify = idf,
                                     .identify_len = sizeof(idf),
                                     .has_erc = erc,
                                     .erc_read_ds = erc_ds,
                                     .erc_write_ds = erc_ds};
        smart_deep_decode(&pg, true, 12345, &in.reading.deep);
        snprintf(in.sys.raid, sizeof(in.sys.raid), "%s", raid);
        in.sys.has_timeout = true;
        in.sys.timeout_s = 30;
        return in;
}

static const struct srvh_event *find_event(const struct event_list *l, unsigned trap)
{
        for (size_t i = 0; i < l->n; i++)
                if (l->v[i].trap == trap)
                        return &l->v[i];
        return NULL;
}

static void test_erc_missing_on_md_member_is_a_warning_with_advice(void **state)
{
        (void)state;
        struct smart_input in[] = {
            disk("sda", "S-NOERC", 0x0001, false, 0, "md0"),   /* SCT without ERC */
            disk("sdb", "S-ERC70", 0x0009, true, 70, "md0"),   /* 7 s: fine */
            disk("sdc", "S-ERC400", 0x0009, true, 400, "md0"), /* 40 s > 30 s timeout */
            disk("sdd", "S-LONE", 0x0001, false, 0, ""),       /* not in an array */
        };
        struct smart_data *d = NULL;
        struct event_list ev = {0};
        assert_int_equal(smart_build(in, 4, NULL, NULL, &d), 0);
        for (size_t i = 0; i < d->n_disks; i++) {
                const struct smart_disk *x = &d->disks[i];
                bool want = !strcmp(x->name, "sda") || !strcmp(x->name, "sdc");
                assert_int_equal(x->x.erc_warning, want);
                assert_int_equal(x->health, want ? SRVH_HEALTH_WARNING : SRVH_HEALTH_OK);
                if (!strcmp(x->name, "sda")) {
                        assert_int_equal(x->r.deep.erc, SMART_ERC_UNSUPPORTED);
                        assert_non_null(strstr(x->x.erc_advice, "/sys/block/sda/device/timeout"));
                }
                if (!strcmp(x->name, "sdc"))
                        assert_non_null(strstr(x->x.erc_advice, "40.0 s"));
        }
        assert_int_equal(smart_diff(NULL, d, &ev), 0);
        size_t erc = 0;
        for (size_t i = 0; i < ev.n; i++)
                erc += ev.v[i].trap == SRVH_TRAP_DISK_ERC_WARNING;
        assert_int_equal(erc, 2);
        event_list_free(&ev);
        smart_data_free(d);
}

static void test_replaced_disk_is_one_event_naming_both_serials(void **state)
{
        (void)state;
        struct smart_input a[] = {disk("sda", "OLD-1", 0, false, 0, ""),
                                  disk("sdb", "KEEP-2", 0, false, 0, "")};
        struct smart_input b[] = {disk("sda", "NEW-3", 0, false, 0, ""),
                                  disk("sdb", "KEEP-2", 0, false, 0, "")};
        struct smart_data *d1 = NULL, *d2 = NULL;
        struct event_list ev = {0};
        assert_int_equal(smart_build(a, 2, NULL, NULL, &d1), 0);
        assert_int_equal(smart_build(b, 2, d1, NULL, &d2), 0);
        assert_int_equal(smart_diff(d1, d2, &ev), 0);
        const struct srvh_event *e = find_event(&ev, SRVH_TRAP_DISK_REPLACED);
        assert_non_null(e);
        assert_string_equal(e->new_state, "NEW-3");
        assert_string_equal(e->old_state, "OLD-1");
        assert_non_null(strstr(e->text, "OLD-1"));
        assert_null(find_event(&ev, SRVH_TRAP_DISK_REMOVED));
        assert_null(find_event(&ev, SRVH_TRAP_DISK_APPEARED));
        event_list_free(&ev);
        smart_data_free(d1);
        smart_data_free(d2);
}

static void test_replaced_disk_in_the_same_slot_under_a_new_name(void **state)
{
        (void)state;
        struct smart_input a = disk("sdb", "OLD-1", 0, false, 0, "");
        struct smart_input b = disk("sdf", "NEW-3", 0, false, 0, "");
        struct smart_data *d1 = NULL, *d2 = NULL;
        struct event_list ev = {0};
        snprintf(a.sys.slot, sizeof(a.sys.slot), "%s",
                 "devices/pci0000:00/ata4/host3/target3:0:0/3:0:0:0");
        b.sys = a.sys;
        assert_int_equal(smart_build(&a, 1, NULL, NULL, &d1), 0);
        assert_int_equal(smart_build(&b, 1, d1, NULL, &d2), 0);
        assert_int_equal(smart_diff(d1, d2, &ev), 0);
        assert_non_null(find_event(&ev, SRVH_TRAP_DISK_REPLACED));
        assert_null(find_event(&ev, SRVH_TRAP_DISK_REMOVED));
        event_list_free(&ev);
        smart_data_free(d1);
        smart_data_free(d2);
}

static void test_standby_skips_count_and_temperatures_seen_carry_over(void **state)
{
        (void)state;
        struct smart_input in = disk("sda", "S1", 0, false, 0, "");
        struct smart_data *d1 = NULL, *d2 = NULL, *d3 = NULL;
        in.reading.temperature_dc = 300;
        assert_int_equal(smart_build(&in, 1, NULL, NULL, &d1), 0);
        struct smart_input asleep = {.name = "sda", .read_at = 2000};
        asleep.reading.status = SMART_READ_ASLEEP;
        asleep.reading.power = SMART_POWER_STANDBY;
        assert_int_equal(smart_build(&asleep, 1, d1, NULL, &d2), 0);
        assert_int_equal(d2->disks[0].x.standby_skips, 1);
        assert_int_equal(smart_build(&asleep, 1, d2, NULL, &d3), 0);
        assert_int_equal(d3->disks[0].x.standby_skips, 2);
        smart_data_free(d2);
        in.reading.temperature_dc = 410;
        assert_int_equal(smart_build(&in, 1, d3, NULL, &d2), 0);
        assert_int_equal(d2->disks[0].x.standby_skips, 0);
        assert_true(d2->disks[0].x.has_seen);
        assert_int_equal(d2->disks[0].x.seen_min_dc, 300);
        assert_int_equal(d2->disks[0].x.seen_max_dc, 410);
        smart_data_free(d1);
        smart_data_free(d2);
        smart_data_free(d3);
}

static void test_self_test_failure_raises_then_a_passing_long_test_clears(void **state)
{
        (void)state;
        struct smart_input in = disk("sda", "S1", 0, false, 0, "");
        struct lb_test failed[] = {PASSED_EXT, {2, FAILED_READ, 1500, 99}};
        struct lb_test fixed[] = {PASSED_EXT, {2, FAILED_READ, 1500, 99}, {2, 0, 1600, 0}};
        struct smart_log_pages pg = {0};
        struct smart_data *d1 = NULL, *d2 = NULL;
        struct event_list ev = {0};

        lb_selftest(page, failed, 2, 0);
        pg.selftest = page;
        pg.selftest_len = sizeof(page);
        smart_deep_decode(&pg, true, 1700, &in.reading.deep);
        assert_int_equal(smart_build(&in, 1, NULL, NULL, &d1), 0);
        assert_int_equal(d1->disks[0].health, SRVH_HEALTH_CRITICAL);
        assert_int_equal(smart_diff(NULL, d1, &ev), 0);
        assert_non_null(find_event(&ev, SRVH_TRAP_DISK_SELFTEST_FAILED));
        event_list_free(&ev);

        /* a poll whose log page is unreadable keeps the failure, and raises nothing again */
        struct smart_data *d_unread = NULL;
        struct smart_input unread = in;
        unread.reading.deep.has_selftest = false;
        assert_int_equal(smart_build(&unread, 1, d1, NULL, &d_unread), 0);
        assert_int_equal(d_unread->disks[0].health, SRVH_HEALTH_CRITICAL);
        assert_int_equal(smart_diff(d1, d_unread, &ev), 0);
        assert_int_equal(ev.n, 0);
        smart_data_free(d1);
        d1 = d_unread;

        lb_selftest(page, fixed, 3, 0);
        smart_deep_decode(&pg, true, 1700, &in.reading.deep);
        assert_int_equal(smart_build(&in, 1, d1, NULL, &d2), 0);
        assert_int_equal(d2->disks[0].health, SRVH_HEALTH_OK);
        assert_int_equal(smart_diff(d1, d2, &ev), 0);
        assert_non_null(find_event(&ev, SRVH_TRAP_DISK_SELFTEST_PASSED));
        assert_null(find_event(&ev, SRVH_TRAP_DISK_SELFTEST_FAILED));
        event_list_free(&ev);
        smart_data_free(d1);
        smart_data_free(d2);
}

static void test_one_drive_under_two_names_is_one_row_with_both_paths(void **state)
{
        (void)state;
        struct smart_input in[] = {disk("sdb", "MP-1", 0, false, 0, ""),
                                   disk("sdc", "MP-1", 0, false, 0, ""),
                                   disk("sdd", "OTHER", 0, false, 0, "")};
        /* sdb's path fails (udev still names its serial): sdc's read is served */
        in[0].reading.status = SMART_READ_FAILED;
        in[0].found_serial = "MP-1";
        struct smart_data *d = NULL;
        assert_int_equal(smart_build(in, 3, NULL, NULL, &d), 0);
        assert_int_equal(d->n_disks, 2);
        const struct smart_disk *mp =
            !strcmp(d->disks[0].key, "MP-1") ? &d->disks[0] : &d->disks[1];
        assert_string_equal(mp->key, "MP-1");
        assert_string_equal(mp->name, "sdc");
        assert_int_equal(mp->status, SMART_READ_OK);
        assert_int_equal(mp->x.n_paths, 2);
        assert_string_equal(mp->x.paths[0], "sdb");
        assert_string_equal(mp->x.paths[1], "sdc");
        assert_int_equal(d->n_path_rows, 3);
        for (size_t i = 1; i < d->n_path_rows; i++) { /* sorted for the table handler */
                size_t la, lb;
                const uint32_t *a = mib_row_index(&d->path_rows[i - 1], &la);
                const uint32_t *b = mib_row_index(&d->path_rows[i], &lb);
                assert_true(mib_oid_cmp(a, la, b, lb) < 0);
        }
        smart_data_free(d);
}

static void test_bad_log_page_is_named_and_the_rest_served(void **state)
{
        (void)state;
        struct smart_deep dp = {0};
        uint8_t err[LB_PAGE];
        struct lb_test t[] = {PASSED_EXT};
        lb_selftest(page, t, 1, 0);
        page[3] ^= 0xff; /* checksum now wrong */
        lb_errlog(err, 4);
        struct smart_log_pages pg = {.selftest = page,
                                     .selftest_len = sizeof(page),
                                     .errlog = err,
                                     .errlog_len = sizeof(err)};
        smart_deep_decode(&pg, true, 10, &dp);
        assert_false(dp.has_selftest);
        assert_true(dp.has_errlog);
        assert_int_equal(dp.errlog, 4);
        assert_non_null(strstr(dp.log_error, "self-test log 06h has a wrong checksum"));
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_selftest_newest_first_with_type_status_hour_and_lba),
            cmocka_unit_test(test_selftest_ring_that_wrapped_starts_at_the_newest_index),
            cmocka_unit_test(test_selftest_bad_pages_are_refused),
            cmocka_unit_test(test_summary_failure_counts_until_a_newer_long_test_passes),
            cmocka_unit_test(test_summary_aborted_and_interrupted_are_not_failures),
            cmocka_unit_test(test_summary_running_test_is_in_progress_never_a_failure),
            cmocka_unit_test(test_summary_hours_wrap_at_65536),
            cmocka_unit_test(test_summary_without_a_log_uses_the_execution_status),
            cmocka_unit_test(test_xselftest_has_48_bit_lbas),
            cmocka_unit_test(test_error_log_counts),
            cmocka_unit_test(test_sct_status_temperatures_and_invalid_marker),
            cmocka_unit_test(test_erc_text_state_and_command),
            cmocka_unit_test(test_link_speeds),
            cmocka_unit_test(test_sysfs_md_partitions_timeout_and_link),
            cmocka_unit_test(test_erc_missing_on_md_member_is_a_warning_with_advice),
            cmocka_unit_test(test_replaced_disk_is_one_event_naming_both_serials),
            cmocka_unit_test(test_replaced_disk_in_the_same_slot_under_a_new_name),
            cmocka_unit_test(test_standby_skips_count_and_temperatures_seen_carry_over),
            cmocka_unit_test(test_self_test_failure_raises_then_a_passing_long_test_clears),
            cmocka_unit_test(test_bad_log_page_is_named_and_the_rest_served),
            cmocka_unit_test(test_one_drive_under_two_names_is_one_row_with_both_paths),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
