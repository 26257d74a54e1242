/* The smart module's device side: how an SG_IO reply is classified, the standby policy, pages
 * assembled into a blob and read back by libatasmart, the device reader on nodes that are not
 * ATA disks, the disk filter on udev property sets, discovery of this machine's real block
 * devices through libudev, the identity discovery lends an unreadable disk, and the new tokens. */
#include <dirent.h>
#include <errno.h>
#include <libudev.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "../tools/blob_builder.h"
#include "core/module.h"
#include "smart/smart_config.h"
#include "smart/smart_model.h"
#include "smart/smart_read.h"
#include "smart/smart_sat.h"
#include "smart/smart_udev.h"

extern const struct module_ops smart_module;

/* ---- SG_IO replies ----------------------------------------------------------------------------
 */

/* Fixed-format sense as Debian 12's libata writes it for a finished CK_COND command: RECOVERED
 * ERROR, ASC/ASCQ 00h/1Dh, ATA status 50h (DRDY, DSC), count 0xff (CHECK POWER MODE: active). */
static const uint8_t fixed_ok[18] = {0x70, 0, 0x01, 0x00, 0x50, 0x40, 0xff, 10,
                                     0,    0, 0,    0,    0x00, 0x1d, 0,    0};

static enum smart_sat_outcome classify(int err, uint8_t status, uint16_t host, const uint8_t *sense,
                                       size_t len, struct smart_ata_result *regs, bool *has)
{
        struct smart_sg_reply r = {.ioctl_errno = err,
                                   .status = status,
                                   .host_status = host,
                                   .sense = sense,
                                   .sense_len = len};
        return smart_sat_outcome(&r, regs, has);
}

static void test_outcome_fixed_sense_with_registers_is_ok(void **state)
{
        (void)state;
        struct smart_ata_result regs;
        bool has;
        assert_int_equal(classify(0, 0x02, 0, fixed_ok, sizeof(fixed_ok), &regs, &has),
                         SMART_SAT_OK);
        assert_true(has);
        assert_false(regs.descriptor);
        assert_int_equal(smart_sat_power_mode(&regs), SMART_POWER_ACTIVE);
}

static void test_outcome_eperm_and_eacces_are_no_permission(void **state)
{
        (void)state;
        struct smart_ata_result regs;
        bool has;
        assert_int_equal(classify(EPERM, 0, 0, NULL, 0, &regs, &has), SMART_SAT_NO_PERMISSION);
        assert_int_equal(classify(EACCES, 0, 0, NULL, 0, &regs, &has), SMART_SAT_NO_PERMISSION);
        assert_false(has);
}

static void test_outcome_enotty_is_no_sgio_and_eio_failed(void **state)
{
        (void)state;
        struct smart_ata_result regs;
        bool has;
        assert_int_equal(classify(ENOTTY, 0, 0, NULL, 0, &regs, &has), SMART_SAT_NO_SGIO);
        assert_int_equal(classify(EIO, 0, 0, NULL, 0, &regs, &has), SMART_SAT_FAILED);
}

static void test_outcome_host_timeout_is_timed_out(void **state)
{
        (void)state;
        struct smart_ata_result regs;
        bool has;
        assert_int_equal(classify(0, 0, 0x03, NULL, 0, &regs, &has), SMART_SAT_TIMED_OUT);
        assert_int_equal(classify(ETIMEDOUT, 0, 0, NULL, 0, &regs, &has), SMART_SAT_TIMED_OUT);
        assert_int_equal(classify(0, 0, 0x07, NULL, 0, &regs, &has), SMART_SAT_FAILED);
}

static void test_outcome_illegal_request_without_registers_is_not_ata(void **state)
{
        (void)state;
        struct smart_ata_result regs;
        bool has;
        /* a SCSI disk: ILLEGAL REQUEST, INVALID COMMAND OPERATION CODE (20h) */
        uint8_t s[18] = {0x70, 0, 0x05, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x20, 0x00};
        assert_int_equal(classify(0, 0x02, 0, s, sizeof(s), &regs, &has), SMART_SAT_NOT_ATA);
        assert_false(has);
        s[2] = 0x03; /* MEDIUM ERROR: something else went wrong */
        assert_int_equal(classify(0, 0x02, 0, s, sizeof(s), &regs, &has), SMART_SAT_FAILED);
}

static void test_outcome_err_bit_is_ata_error(void **state)
{
        (void)state;
        struct smart_ata_result regs;
        bool has;
        uint8_t s[18];
        memcpy(s, fixed_ok, sizeof(s));
        s[3] = 0x04; /* error register: ABRT */
        s[4] = 0x51; /* status: DRDY, DSC, ERR */
        assert_int_equal(classify(0, 0x02, 0, s, sizeof(s), &regs, &has), SMART_SAT_ATA_ERROR);
        assert_true(has);
        assert_int_equal(regs.error, 0x04);
}

static void test_outcome_good_status_without_sense_is_ok_without_registers(void **state)
{
        (void)state;
        struct smart_ata_result regs;
        bool has = true;
        assert_int_equal(classify(0, 0x00, 0, NULL, 0, &regs, &has), SMART_SAT_OK);
        assert_false(has);
}

/* What Debian 12's kernel (6.1, libata on QEMU's AHCI) answered to IDENTIFY DEVICE sent as PIO
 * data-in with CK_COND set: CHECK CONDITION, fixed sense, ABORTED COMMAND, ASC/ASCQ 00h/00h, no
 * ATA registers, although the sector had arrived. Such a reply is a failure, which is why data-in
 * commands are sent without CK_COND (test_smart_sat.c); the same command without it came back
 * GOOD with no sense. */
static void test_outcome_aborted_data_in_with_ck_cond_is_failed(void **state)
{
        (void)state;
        static const uint8_t aborted[18] = {0x70, 0, 0x0b, 0, 0, 0, 0, 0x0a, 0,
                                            0x58, 0, 0x01, 0, 0, 0, 0, 0,    0};
        struct smart_ata_result regs;
        bool has = true;
        assert_int_equal(classify(0, 0x02, 0, aborted, sizeof(aborted), &regs, &has),
                         SMART_SAT_FAILED);
        assert_false(has);
}

/* ---- standby policy ---------------------------------------------------------------------------
 */

static void test_standby_policy_matches_smartd_n(void **state)
{
        (void)state;
        /* rows: never, sleep, standby, idle; columns: active, idle, standby, sleep, unknown */
        static const bool skip[4][5] = {
            {false, false, false, false, false},
            {false, false, false, true, false},
            {false, false, true, true, false},
            {false, true, true, true, false},
        };
        for (int p = SMART_STANDBY_NEVER; p <= SMART_STANDBY_IDLE; p++)
                for (int s = SMART_POWER_ACTIVE; s <= SMART_POWER_UNKNOWN; s++)
                        assert_int_equal(
                            smart_standby_skip((enum smart_standby)p, (enum smart_power)s),
                            skip[p][s - 1]);
}

/* ---- pages to blob to libatasmart -------------------------------------------------------------
 */

static void test_pages_without_status_or_thresholds_read_back(void **state)
{
        (void)state;
        struct bb_disk d;
        uint8_t id[BB_PAGE], data[BB_PAGE], out[SMART_BLOB_FULL_MAX];
        struct smart_reading r;
        bb_reallocated(&d);
        bb_identify(&d, id);
        bb_smart_data(&d, data);
        /* RETURN STATUS gave no usable registers, READ THRESHOLDS was aborted */
        size_t n = smart_blob_write(out, id, -1, data, NULL);
        assert_int_equal(n, 8 + 512 + 8 + 512);
        assert_int_equal(smart_read_blob(out, n, &r), 0);
        assert_int_equal(r.status, SMART_READ_OK);
        assert_string_equal(r.model, d.model);
        assert_false(r.has_verdict); /* no SMST record: no verdict cell, not a made-up one */
        assert_true(r.has_reallocated);
        assert_int_equal(r.reallocated, 8);
        assert_true(r.n_attrs > 0);
        for (size_t i = 0; i < r.n_attrs; i++)
                assert_false(r.attrs[i].threshold_valid);
}

static void test_pages_with_bad_status_give_bad_status_verdict(void **state)
{
        (void)state;
        struct bb_disk d;
        uint8_t id[BB_PAGE], data[BB_PAGE], thr[BB_PAGE], out[SMART_BLOB_FULL_MAX];
        struct smart_reading r;
        bb_healthy_hdd(&d);
        bb_identify(&d, id);
        bb_smart_data(&d, data);
        bb_thresholds(&d, thr);
        /* RETURN STATUS answered F4h/2Ch: threshold exceeded */
        struct smart_ata_result regs = {.lba_mid = 0xf4, .lba_high = 0x2c};
        int status = smart_sat_smart_status(&regs);
        assert_int_equal(status, 0);
        size_t n = smart_blob_write(out, id, status, data, thr);
        assert_int_equal(smart_read_blob(out, n, &r), 0);
        assert_true(r.has_verdict);
        assert_int_equal(r.verdict, SMART_VERDICT_BAD_STATUS);
}

/* ---- the device reader on nodes that are not ATA disks ----------------------------------------
 */

static int64_t clock_at_1000(void)
{
        return 1000;
}

static void test_device_without_sgio_is_unavailable(void **state)
{
        (void)state;
        struct smart_dev_opts o = {
            .standby = SMART_STANDBY_STANDBY, .deadline_ms = 1000 + 5000, .now_ms = clock_at_1000};
        struct smart_reading r;
        /* a character device whose driver has no SG_IO: the ioctl really runs and fails */
        assert_int_equal(smart_read_device("/dev/null", &o, &r), 0);
        assert_int_equal(r.status, SMART_READ_UNAVAILABLE);
        assert_non_null(strstr(r.error, "CHECK POWER MODE"));
        assert_non_null(strstr(r.error, "no SG_IO"));
        assert_false(r.has_identity);
}

static void test_device_past_its_deadline_sends_nothing_and_times_out(void **state)
{
        (void)state;
        struct smart_dev_opts o = {
            .standby = SMART_STANDBY_STANDBY, .deadline_ms = 1000, .now_ms = clock_at_1000};
        struct smart_reading r;
        assert_int_equal(smart_read_device("/dev/null", &o, &r), -EIO);
        assert_int_equal(r.status, SMART_READ_TIMED_OUT);
        assert_non_null(strstr(r.error, "timed out"));
}

static void test_device_path_that_is_a_file_or_missing_fails(void **state)
{
        (void)state;
        struct smart_dev_opts o = {.deadline_ms = 9000, .now_ms = clock_at_1000};
        struct smart_reading r;
        char path[] = "/tmp/srvh-smart-dev-XXXXXX";
        int fd = mkstemp(path);
        assert_true(fd >= 0);
        close(fd);
        assert_int_equal(smart_read_device(path, &o, &r), -ENODEV);
        assert_int_equal(r.status, SMART_READ_FAILED);
        assert_non_null(strstr(r.error, "is not a device node"));
        unlink(path);
        assert_int_equal(smart_read_device(path, &o, &r), -ENOENT);
        assert_int_equal(r.status, SMART_READ_FAILED);
        assert_non_null(strstr(r.error, "cannot open"));
}

/* ---- which block devices are disks ------------------------------------------------------------
 */

static bool is_disk(const char *name, const char *devtype, const char *devpath, const char *cdrom)
{
        struct smart_udev_props p = {name, devtype, devpath, cdrom};
        return smart_udev_is_disk(&p);
}

static void test_filter_keeps_physical_whole_disks(void **state)
{
        (void)state;
        assert_true(is_disk("sda", "disk",
                            "/devices/pci0000:00/0000:00:1f.2/ata1/host0/"
                            "target0:0:0/0:0:0:0/block/sda",
                            NULL));
        assert_true(is_disk("sdr", "disk", "/devices/pci0000:00/x/block/sdr", NULL));
        assert_true(
            is_disk("vda", "disk", "/devices/pci0000:00/0000:00:04.0/virtio1/block/vda", NULL));
        assert_true(is_disk("nvme0n1", "disk", "/devices/pci0000:00/x/nvme/nvme0/nvme0n1", NULL));
        assert_true(
            is_disk("mmcblk0", "disk", "/devices/platform/x/mmc0:0001/block/mmcblk0", NULL));
}

static void test_filter_skips_partitions_virtual_and_non_disks(void **state)
{
        (void)state;
        assert_false(is_disk("sda1", "partition", "/devices/pci0000:00/x/block/sda/sda1", NULL));
        assert_false(is_disk("loop0", "disk", "/devices/virtual/block/loop0", NULL));
        assert_false(is_disk("zram0", "disk", "/devices/virtual/block/zram0", NULL));
        assert_false(is_disk("dm-0", "disk", "/devices/virtual/block/dm-0", NULL));
        assert_false(is_disk("md127", "disk", "/devices/virtual/block/md127", NULL));
        assert_false(is_disk("nbd3", "disk", "/devices/virtual/block/nbd3", NULL));
        /* by name even where the path does not say virtual */
        assert_false(is_disk("ram0", "disk", "/devices/platform/brd/ram0", NULL));
        assert_false(is_disk("loop7", "disk", NULL, NULL));
        assert_false(is_disk("sr0", "disk", "/devices/pci0000:00/x/block/sr0", NULL));
        assert_false(is_disk("sdc", "disk", "/devices/pci0000:00/x/block/sdc", "1")); /* optical */
        assert_false(is_disk("mmcblk0boot0", "disk", "/devices/platform/x/mmcblk0boot0", NULL));
        assert_false(is_disk("mmcblk0rpmb", "disk", "/devices/platform/x/mmcblk0rpmb", NULL));
        assert_false(is_disk("", "disk", "/devices/x", NULL));
        assert_false(is_disk("sdd", NULL, "/devices/x", NULL));
}

/* The block devices of this machine, read from /sys/block directly: a name is virtual when its
 * link points below devices/virtual. */
static void test_udev_lists_this_machines_real_disks_and_skips_virtual_ones(void **state)
{
        (void)state;
        struct udev *u = udev_new();
        struct smart_found *f = NULL;
        size_t n = 0;
        assert_non_null(u);
        assert_int_equal(smart_udev_list(u, &f, &n), 0);

        DIR *dir = opendir("/sys/block");
        assert_non_null(dir);
        struct dirent *e;
        size_t physical = 0;
        while ((e = readdir(dir)) != NULL) {
                if (e->d_name[0] == '.')
                        continue;
                char link[512], target[512];
                snprintf(link, sizeof(link), "/sys/block/%s", e->d_name);
                ssize_t k = readlink(link, target, sizeof(target) - 1);
                assert_true(k > 0);
                target[k] = 0;
                bool virt = strstr(target, "/devices/virtual/") != NULL;
                bool listed = false;
                for (size_t i = 0; i < n; i++)
                        listed |= !strcmp(f[i].name, e->d_name);
                /* listed exactly when physical (no optical or eMMC boot areas on these hosts) */
                struct smart_udev_props p = {.sysname = e->d_name, .devtype = "disk"};
                bool expect = !virt && smart_udev_is_disk(&p);
                if (listed != expect)
                        fail_msg("%s (%s): listed %d, expected %d", e->d_name, target, listed,
                                 expect);
                physical += expect;
        }
        closedir(dir);
        assert_int_equal(n, physical);
        for (size_t i = 0; i < n; i++) {
                assert_true(f[i].devnode[0] == '/');
                assert_non_null(strstr(f[i].devnode, f[i].name));
        }
        free(f);
        udev_unref(u);
}

/* ---- an unreadable disk takes its identity from discovery ------------------------------------ */

static void test_no_permission_disk_is_keyed_by_udev_wwn_and_judged_unknown(void **state)
{
        (void)state;
        struct smart_input in = {.name = "sdb", .read_at = 7};
        in.reading.status = SMART_READ_NO_PERMISSION;
        snprintf(in.reading.error, sizeof(in.reading.error), "cannot open /dev/sdb: denied");
        in.found_model = "WDC WD40EFRX";
        in.found_serial = "WD-WCC4E0000001";
        in.found_wwn = "0x50014ee2b0000001";
        struct smart_data *d;
        assert_int_equal(smart_build(&in, 1, NULL, NULL, &d), 0);
        const struct smart_disk *k = &d->disks[0];
        assert_string_equal(k->key, "0x50014ee2b0000001");
        assert_true(k->found_identity);
        assert_false(k->has_values);
        assert_string_equal(k->r.serial, "WD-WCC4E0000001");
        assert_int_equal(k->status, SMART_READ_NO_PERMISSION);
        assert_int_equal(k->health, SRVH_HEALTH_UNKNOWN);
        assert_string_equal(k->summary, "noPermission");
        assert_int_equal(d->n_attr_rows, 0);
        smart_data_free(d);

        in.found_wwn = "not-hex";
        assert_int_equal(smart_build(&in, 1, NULL, NULL, &d), 0);
        assert_string_equal(d->disks[0].key, "WD-WCC4E0000001"); /* serial when no WWN */
        smart_data_free(d);
}

static void test_asleep_disk_keeps_values_and_serves_its_power_state(void **state)
{
        (void)state;
        static uint8_t blob[BB_BLOB_MAX];
        struct bb_disk bd;
        bb_healthy_hdd(&bd);
        struct smart_input good = {.name = "sda", .read_at = 1000};
        assert_int_equal(smart_read_blob(blob, bb_blob(&bd, blob), &good.reading), 0);
        good.reading.power = SMART_POWER_ACTIVE;
        struct smart_input asleep = {.name = "sda", .read_at = 2000};
        asleep.reading.status = SMART_READ_ASLEEP;
        asleep.reading.power = SMART_POWER_STANDBY;
        struct smart_data *d1, *d2;
        assert_int_equal(smart_build(&good, 1, NULL, NULL, &d1), 0);
        assert_int_equal(smart_build(&asleep, 1, d1, NULL, &d2), 0);
        const struct smart_disk *k = &d2->disks[0];
        assert_string_equal(k->key, d1->disks[0].key);
        assert_true(k->has_values);
        assert_int_equal(k->power, SMART_POWER_STANDBY);
        assert_int_equal(k->status, SMART_READ_ASLEEP);
        assert_int_equal(k->last_read, 1000); /* the data age counts from the last read */
        assert_int_equal(k->r.temperature_dc, 360);
        assert_int_equal(k->health, SRVH_HEALTH_OK); /* asleep is not a failure */
        assert_int_equal(d2->n_attr_rows, d1->n_attr_rows);
        smart_data_free(d1);
        smart_data_free(d2);
}

/* ---- tokens ------------------------------------------------------------------------------------
 */

static void test_config_standby_include_exclude_device_dir(void **state)
{
        (void)state;
        const struct module_config_ops *ops = smart_module.config;
        struct smart_config *c = ops->new_config();
        char err[256];
        assert_int_equal(c->standby, SMART_STANDBY_STANDBY);
        assert_int_equal(ops->parse(c, "smartStandby", "never", err, sizeof(err)), 0);
        assert_int_equal(c->standby, SMART_STANDBY_NEVER);
        assert_int_equal(ops->parse(c, "smartStandby", "idle", err, sizeof(err)), 0);
        assert_int_equal(c->standby, SMART_STANDBY_IDLE);
        assert_int_equal(ops->parse(c, "smartStandby", "off", err, sizeof(err)), -EINVAL);
        assert_string_equal(err, "smartStandby: expected 'smartStandby never|sleep|standby|idle'");
        assert_int_equal(c->standby, SMART_STANDBY_IDLE);

        assert_true(smart_config_selects(c, "sda")); /* no pattern: everything */
        assert_int_equal(ops->parse(c, "smartInclude", "sd*", err, sizeof(err)), 0);
        assert_int_equal(ops->parse(c, "smartInclude", "nvme?n1", err, sizeof(err)), 0);
        assert_int_equal(ops->parse(c, "smartExclude", "sd[c-d]", err, sizeof(err)), 0);
        assert_true(smart_config_selects(c, "sda"));
        assert_true(smart_config_selects(c, "nvme0n1"));
        assert_false(smart_config_selects(c, "sdc"));
        assert_false(smart_config_selects(c, "vda"));
        assert_int_equal(ops->parse(c, "smartExclude", "a b", err, sizeof(err)), -EINVAL);

        assert_int_equal(ops->parse(c, "smartDevice", "boot /dev/sda", err, sizeof(err)), 0);
        assert_int_equal(c->n_devices, 1);
        assert_string_equal(c->devices[0].path, "/dev/sda");
        assert_int_equal(ops->parse(c, "smartDevice", "boot /dev/sdb", err, sizeof(err)), -EINVAL);
        assert_string_equal(err, "smartDevice: NAME 'boot' is given twice");
        assert_int_equal(ops->parse(c, "smartDevice", "x sdb", err, sizeof(err)), -EINVAL);

        assert_int_equal(ops->parse(c, "smartBlobDir", "/var/lib/blobs", err, sizeof(err)), 0);
        assert_string_equal(c->blob_dir, "/var/lib/blobs");
        assert_int_equal(ops->parse(c, "smartBlobDir", "blobs", err, sizeof(err)), -EINVAL);
        ops->free_config(c);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_outcome_fixed_sense_with_registers_is_ok),
            cmocka_unit_test(test_outcome_eperm_and_eacces_are_no_permission),
            cmocka_unit_test(test_outcome_enotty_is_no_sgio_and_eio_failed),
            cmocka_unit_test(test_outcome_host_timeout_is_timed_out),
            cmocka_unit_test(test_outcome_illegal_request_without_registers_is_not_ata),
            cmocka_unit_test(test_outcome_err_bit_is_ata_error),
            cmocka_unit_test(test_outcome_good_status_without_sense_is_ok_without_registers),
            cmocka_unit_test(test_outcome_aborted_data_in_with_ck_cond_is_failed),
            cmocka_unit_test(test_standby_policy_matches_smartd_n),
            cmocka_unit_test(test_pages_without_status_or_thresholds_read_back),
            cmocka_unit_test(test_pages_with_bad_status_give_bad_status_verdict),
            cmocka_unit_test(test_device_without_sgio_is_unavailable),
            cmocka_unit_test(test_device_past_its_deadline_sends_nothing_and_times_out),
            cmocka_unit_test(test_device_path_that_is_a_file_or_missing_fails),
            cmocka_unit_test(test_filter_keeps_physical_whole_disks),
            cmocka_unit_test(test_filter_skips_partitions_virtual_and_non_disks),
            cmocka_unit_test(test_udev_lists_this_machines_real_disks_and_skips_virtual_ones),
            cmocka_unit_test(test_no_permission_disk_is_keyed_by_udev_wwn_and_judged_unknown),
            cmocka_unit_test(test_asleep_disk_keeps_values_and_serves_its_power_state),
            cmocka_unit_test(test_config_standby_include_exclude_device_dir),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
