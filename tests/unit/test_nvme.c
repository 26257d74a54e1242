/* NVMe health in the smart module, below the collector: pages built from the NVMe base
 * specification (tests/tools/nvme_builder.h) through the pure decoders (log page 02h, Identify
 * Controller), the health rule, the rows and cells of srvhDiskTable, the NVMe notifications, the
 * nvmeLog/nvmeWearHigh tokens, node names, and the replay reader on files. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "../tools/nvme_builder.h"
#include "core/module.h"
#include "smart/nvme_log.h"
#include "smart/nvme_read.h"
#include "smart/smart_config.h"
#include "smart/smart_model.h"
#include "smart/smart_udev.h"
#include "srvhealth/oids.h"

extern const struct module_ops smart_module;

static void decode(const struct nb_disk *d, struct nvme_health *h)
{
        uint8_t page[NB_LOG_LEN];
        nb_log_page(d, page);
        assert_int_equal(nvme_health_decode(page, sizeof(page), h), 0);
}

/* ---- decoders ---------------------------------------------------------------------------------
 */

static void test_log_decodes_every_field_at_its_offset(void **state)
{
        (void)state;
        struct nb_disk d;
        struct nvme_health h;
        nb_healthy(&d);
        d.critical_warning = 0x12;
        d.warning_temp_minutes = 77;
        d.critical_temp_minutes = 5;
        d.counter[NB_MEDIA_ERRORS] = 0x0102030405060708ull;
        decode(&d, &h);
        assert_int_equal(h.critical_warning, 0x12);
        assert_int_equal(h.temperature_k, 310);
        assert_int_equal(h.available_spare, 100);
        assert_int_equal(h.spare_threshold, 10);
        assert_int_equal(h.percentage_used, 3);
        assert_int_equal(h.counter[NVME_C_DATA_UNITS_READ], 12345678);
        assert_int_equal(h.counter[NVME_C_DATA_UNITS_WRITTEN], 23456789);
        assert_int_equal(h.counter[NVME_C_HOST_READS], 987654321);
        assert_int_equal(h.counter[NVME_C_HOST_WRITES], 876543210);
        assert_int_equal(h.counter[NVME_C_BUSY_MINUTES], 4321);
        assert_int_equal(h.counter[NVME_C_POWER_CYCLES], 211);
        assert_int_equal(h.counter[NVME_C_POWER_ON_HOURS], 17520);
        assert_int_equal(h.counter[NVME_C_UNSAFE_SHUTDOWNS], 17);
        assert_true(h.counter[NVME_C_MEDIA_ERRORS] == 0x0102030405060708ull); /* little-endian */
        assert_int_equal(h.counter[NVME_C_ERROR_LOG_ENTRIES], 1024);
        assert_int_equal(h.warning_temp_minutes, 77);
        assert_int_equal(h.critical_temp_minutes, 5);
        assert_int_equal(h.saturated, 0);
}

static void test_log_counter_over_64_bits_saturates_and_says_so(void **state)
{
        (void)state;
        struct nb_disk d;
        struct nvme_health h;
        nb_healthy(&d);
        d.counter[NB_UNITS_READ] = 5;
        d.counter_hi[NB_UNITS_READ] = 1; /* 2^64 + 5 */
        d.counter[NB_UNITS_WRITTEN] = UINT64_MAX;
        decode(&d, &h);
        assert_true(h.counter[NVME_C_DATA_UNITS_READ] == UINT64_MAX);
        assert_true(h.saturated == 1u << NVME_C_DATA_UNITS_READ);
        assert_true(h.counter[NVME_C_DATA_UNITS_WRITTEN] == UINT64_MAX); /* exact, not saturated */
}

static void test_log_shorter_than_512_bytes_is_refused(void **state)
{
        (void)state;
        uint8_t page[NB_LOG_LEN] = {0};
        struct nvme_health h;
        assert_int_equal(nvme_health_decode(page, 511, &h), -EINVAL);
        assert_int_equal(nvme_health_decode(NULL, 512, &h), -EINVAL);
        assert_int_equal(nvme_health_decode(page, 512, &h), 0);
}

static void test_identify_strings_lose_padding_and_capacity_comes_from_tnvmcap(void **state)
{
        (void)state;
        struct nb_disk d;
        uint8_t page[NB_ID_LEN];
        struct nvme_identity id;
        nb_healthy(&d);
        nb_identify_page(&d, page);
        assert_int_equal(nvme_identify_decode(page, sizeof(page), &id), 0);
        assert_string_equal(id.serial, "S6B0NL0T912345");
        assert_string_equal(id.model, "Samsung SSD 980 PRO 1TB");
        assert_string_equal(id.firmware, "5B2QGXA7");
        assert_true(id.has_capacity);
        assert_true(id.capacity_bytes == 1000204886016ull);
        /* no TNVMCAP: no capacity; a control character is not served as is */
        d.tnvmcap = 0;
        d.model = "Bad\x01Model";
        nb_identify_page(&d, page);
        assert_int_equal(nvme_identify_decode(page, sizeof(page), &id), 0);
        assert_false(id.has_capacity);
        assert_string_equal(id.model, "Bad?Model");
}

static void test_identify_without_serial_or_short_is_refused(void **state)
{
        (void)state;
        struct nb_disk d;
        uint8_t page[NB_ID_LEN];
        struct nvme_identity id;
        nb_healthy(&d);
        nb_identify_page(&d, page);
        assert_int_equal(nvme_identify_decode(page, NB_ID_LEN - 1, &id), -EINVAL);
        d.serial = "";
        nb_identify_page(&d, page);
        assert_int_equal(nvme_identify_decode(page, sizeof(page), &id), -EINVAL);
}

static void test_kelvin_converts_as_the_kernel_hwmon_does(void **state)
{
        (void)state;
        assert_int_equal(nvme_kelvin_to_tenths(310), 368); /* 36850 m°C */
        assert_int_equal(nvme_kelvin_to_tenths(273), -1);  /* -150 m°C */
        assert_int_equal(nvme_kelvin_to_tenths(0), -2731);
}

static void test_warning_names_follow_the_mib_labels(void **state)
{
        (void)state;
        char s[128];
        nvme_warning_names(0, s, sizeof(s));
        assert_string_equal(s, "none");
        nvme_warning_names(NVME_CW_SPARE | NVME_CW_READ_ONLY, s, sizeof(s));
        assert_string_equal(s, "availableSpare,readOnly");
        nvme_warning_names(0xff, s, sizeof(s));
        assert_string_equal(s, "availableSpare,temperature,reliabilityDegraded,readOnly,"
                               "volatileBackupFailed,persistentMemoryReadOnly,reserved,reserved");
        nvme_warning_names(0x3f, s, 10); /* cut, never overflowing */
        assert_int_equal(strlen(s), 9);
}

static void test_controller_names_of_nodes(void **state)
{
        (void)state;
        char c[16];
        assert_int_equal(nvme_controller_name("/dev/nvme0n1", c, sizeof(c)), 0);
        assert_string_equal(c, "nvme0");
        assert_int_equal(nvme_controller_name("nvme12", c, sizeof(c)), 0);
        assert_string_equal(c, "nvme12");
        assert_int_equal(nvme_controller_name("/dev/nvme3n22", c, sizeof(c)), 0);
        assert_string_equal(c, "nvme3");
        const char *no[] = {"sda",       "nvme",  "nvme0n", "nvme0n1p1",
                            "nvme0c1n1", "nvmex", "/dev/",  "nvme-fabrics"};
        for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
                assert_int_equal(nvme_controller_name(no[i], c, sizeof(c)), -EINVAL);
        assert_int_equal(nvme_controller_name("nvme123456", c, 4), -EINVAL); /* does not fit */
}

static void test_udev_filter_keeps_multipath_heads_and_drops_path_nodes(void **state)
{
        (void)state;
        struct smart_udev_props head = {.sysname = "nvme0n1",
                                        .devtype = "disk",
                                        .devpath =
                                            "/devices/virtual/nvme-subsystem/nvme-subsys0/nvme0n1"};
        struct smart_udev_props path = {
            .sysname = "nvme0c0n1",
            .devtype = "disk",
            .devpath = "/devices/pci0000:00/0000:00:04.0/nvme/nvme0/nvme0c0n1"};
        struct smart_udev_props virt = {
            .sysname = "vda", .devtype = "disk", .devpath = "/devices/virtual/block/vda"};
        assert_true(smart_udev_is_disk(&head));
        assert_false(smart_udev_is_disk(&path));
        assert_false(smart_udev_is_disk(&virt));
}

/* ---- health ---------------------------------------------------------------------------------- */

static enum srvh_health assess(uint8_t cw, uint8_t spare, uint64_t media, bool wear, char *why)
{
        struct nb_disk d;
        struct nvme_health h;
        struct strbuf sb;
        nb_healthy(&d);
        d.critical_warning = cw;
        d.available_spare = spare;
        d.counter[NB_MEDIA_ERRORS] = media;
        decode(&d, &h);
        strbuf_init(&sb, why, 128);
        return nvme_health_assess(&h, wear, &sb);
}

static void test_health_from_warning_bits_spare_media_and_wear(void **state)
{
        (void)state;
        char why[128];
        assert_int_equal(assess(0, 100, 0, false, why), SRVH_HEALTH_OK);
        assert_string_equal(why, "");
        assert_int_equal(assess(NVME_CW_TEMPERATURE, 100, 0, false, why), SRVH_HEALTH_WARNING);
        assert_string_equal(why, "critical warning temperature");
        for (unsigned b = 0; b < 6; b++) {
                if (b == 1)
                        continue;
                assert_int_equal(assess((uint8_t)(1u << b), 100, 0, false, why),
                                 SRVH_HEALTH_CRITICAL);
        }
        /* spare under the threshold without the bit (a drive that forgets it) */
        assert_int_equal(assess(0, 9, 0, false, why), SRVH_HEALTH_CRITICAL);
        assert_string_equal(why, "spare 9% under threshold 10%");
        assert_int_equal(assess(0, 10, 0, false, why), SRVH_HEALTH_OK); /* at it: not under */
        assert_int_equal(assess(0, 100, 3, false, why), SRVH_HEALTH_WARNING);
        assert_string_equal(why, "3 media errors");
        assert_int_equal(assess(0, 100, 0, true, why), SRVH_HEALTH_WARNING);
        assert_string_equal(why, "3% used");
        /* reserved bits alone say nothing */
        assert_int_equal(assess(0xc0, 100, 0, false, why), SRVH_HEALTH_OK);
}

/* ---- rows and cells -------------------------------------------------------------------------- */

static struct smart_input nvme_input(const char *name, const struct nb_disk *d, bool with_id)
{
        struct smart_input in = {.name = name, .read_at = 1000};
        struct nvme_health h;
        struct nvme_identity id;
        uint8_t page[NB_ID_LEN];
        decode(d, &h);
        nb_identify_page(d, page);
        assert_int_equal(nvme_identify_decode(page, sizeof(page), &id), 0);
        in.reading.power = SMART_POWER_UNKNOWN;
        nvme_reading_fill(&in.reading, &h, with_id ? &id : NULL);
        return in;
}

static struct smart_data *build(struct smart_input *in, size_t n, const struct smart_data *prev)
{
        struct smart_build_cfg cfg = {
            .temp_high_c = 55, .temp_hysteresis_c = 5, .nvme_wear_high = 90};
        struct smart_data *d;
        assert_int_equal(smart_build(in, n, prev, &cfg, &d), 0);
        return d;
}

static void test_rows_serve_the_nvme_columns_and_no_ata_ones(void **state)
{
        (void)state;
        struct nb_disk nd;
        nb_healthy(&nd);
        nd.critical_warning = NVME_CW_SPARE | NVME_CW_READ_ONLY;
        struct smart_input in = nvme_input("nvme0n1", &nd, true);
        struct smart_data *d = build(&in, 1, NULL);
        const struct mib_table *t = &smart_module.tables[0];
        const struct smart_disk *k = &d->disks[0];
        struct mib_value v;

        assert_string_equal(k->key, "S6B0NL0T912345");
        assert_int_equal(k->health, SRVH_HEALTH_CRITICAL);
        assert_int_equal(t->get(k, SRVH_DK_TRANSPORT, &v), 0);
        assert_int_equal(v.i, SMART_TRANSPORT_NVME);
        assert_int_equal(t->get(k, SRVH_DK_NVME_WARNING, &v), 0);
        assert_int_equal(v.type, MIB_T_STRING);
        assert_int_equal(v.len, 1);
        /* BITS: availableSpare(0) is 0x80, readOnly(3) 0x10 */
        assert_int_equal(((const uint8_t *)mib_value_bytes(&v))[0], 0x90);
        assert_int_equal(t->get(k, SRVH_DK_NVME_UNITS_WRITTEN, &v), 0);
        assert_int_equal(v.type, MIB_T_COUNTER64);
        assert_int_equal(v.u, 23456789);
        assert_int_equal(t->get(k, SRVH_DK_NVME_ERROR_LOG, &v), 0);
        assert_int_equal(v.u, 1024);
        assert_int_equal(t->get(k, SRVH_DK_TEMPERATURE, &v), 0);
        assert_int_equal(v.i, 368);
        assert_int_equal(t->get(k, SRVH_DK_POWER_ON, &v), 0);
        assert_int_equal(v.u, 17520);
        assert_int_equal(t->get(k, SRVH_DK_CAPACITY, &v), 0);
        assert_true(v.u == 1000204886016ull);
        assert_int_equal(t->get(k, SRVH_DK_VERDICT, &v), -ENOENT);
        assert_int_equal(t->get(k, SRVH_DK_REALLOCATED, &v), -ENOENT);
        assert_int_equal(t->get(k, SRVH_DK_WWN, &v), -ENOENT);
        assert_int_equal(d->n_attr_rows, 0);
        assert_non_null(strstr(d->message, "critical warning availableSpare,readOnly"));
        smart_data_free(d);
}

static void
test_rows_without_identify_are_keyed_by_name_and_ata_rows_have_no_nvme_cells(void **state)
{
        (void)state;
        struct nb_disk nd;
        nb_healthy(&nd);
        struct smart_input in[2] = {nvme_input("bare", &nd, false),
                                    {.name = "sdz", .read_at = 1000}};
        in[1].reading.status = SMART_READ_FAILED;
        in[1].reading.transport = SMART_TRANSPORT_ATA;
        struct smart_data *d = build(in, 2, NULL);
        const struct mib_table *t = &smart_module.tables[0];
        struct mib_value v;
        const struct smart_disk *bare = NULL, *sdz = NULL;
        for (size_t i = 0; i < d->n_disks; i++) {
                if (!strcmp(d->disks[i].name, "bare"))
                        bare = &d->disks[i];
                else
                        sdz = &d->disks[i];
        }
        assert_non_null(bare);
        assert_non_null(sdz);
        assert_string_equal(bare->key, "dev:bare");
        assert_int_equal(t->get(bare, SRVH_DK_MODEL, &v), -ENOENT);
        assert_int_equal(t->get(bare, SRVH_DK_NVME_SPARE, &v), 0);
        assert_int_equal(v.u, 100);
        assert_int_equal(t->get(sdz, SRVH_DK_TRANSPORT, &v), 0);
        assert_int_equal(v.i, SMART_TRANSPORT_ATA);
        assert_int_equal(t->get(sdz, SRVH_DK_NVME_WARNING, &v), -ENOENT);
        assert_int_equal(t->get(sdz, SRVH_DK_NVME_USED, &v), -ENOENT);
        smart_data_free(d);
}

static void test_hwmon_temperature_is_served_for_a_disk_without_permission(void **state)
{
        (void)state;
        struct smart_input in = {.name = "nvme1n1", .read_at = 1000, .found_serial = "SER1"};
        in.reading.status = SMART_READ_NO_PERMISSION;
        in.reading.transport = SMART_TRANSPORT_NVME;
        in.reading.has_temperature = true;
        in.reading.temperature_dc = 601;
        struct smart_data *d = build(&in, 1, NULL);
        const struct mib_table *t = &smart_module.tables[0];
        struct mib_value v;
        const struct smart_disk *k = &d->disks[0];
        assert_string_equal(k->key, "SER1"); /* discovery's serial: the key a read would give */
        assert_int_equal(t->get(k, SRVH_DK_TEMPERATURE, &v), 0);
        assert_int_equal(v.i, 601);
        assert_true(k->temp_alarm); /* 60.1 C >= 55 */
        assert_int_equal(k->health, SRVH_HEALTH_UNKNOWN);
        assert_int_equal(t->get(k, SRVH_DK_NVME_SPARE, &v), -ENOENT);
        assert_int_equal(t->get(k, SRVH_DK_READ_STATUS, &v), 0);
        assert_int_equal(v.i, SMART_READ_NO_PERMISSION);
        smart_data_free(d);
}

/* ---- notifications --------------------------------------------------------------------------- */

static const struct srvh_event *find_event(const struct event_list *l, unsigned trap)
{
        for (size_t i = 0; i < l->n; i++)
                if (l->v[i].trap == trap)
                        return &l->v[i];
        return NULL;
}

static void test_events_raise_and_clear_warning_bits_spare_and_wear(void **state)
{
        (void)state;
        struct nb_disk nd;
        struct event_list ev = {0};
        nb_healthy(&nd);
        struct smart_input in = nvme_input("nvme0n1", &nd, true);
        struct smart_data *d0 = build(&in, 1, NULL);
        assert_int_equal(smart_diff(NULL, d0, &ev), 0);
        assert_int_equal(ev.n, 0); /* a healthy disk at the first poll: nothing */

        nd.critical_warning = NVME_CW_SPARE | NVME_CW_TEMPERATURE;
        nd.available_spare = 4;
        nd.percentage_used = 91;
        in = nvme_input("nvme0n1", &nd, true);
        struct smart_data *d1 = build(&in, 1, d0);
        assert_int_equal(smart_diff(d0, d1, &ev), 0);
        const struct srvh_event *e = find_event(&ev, SRVH_TRAP_NVME_WARNING_RAISED);
        assert_non_null(e);
        assert_string_equal(e->new_state, "availableSpare,temperature");
        assert_string_equal(e->old_state, "none");
        assert_int_equal(e->value, 3);
        assert_int_equal(e->severity, SRVH_HEALTH_CRITICAL);
        assert_string_equal(e->object, "S6B0NL0T912345");
        e = find_event(&ev, SRVH_TRAP_NVME_SPARE_LOW);
        assert_non_null(e);
        assert_int_equal(e->value, 4);
        e = find_event(&ev, SRVH_TRAP_NVME_WEAR_HIGH);
        assert_non_null(e);
        assert_int_equal(e->value, 91);
        assert_null(find_event(&ev, SRVH_TRAP_NVME_WARNING_CLEARED));
        event_list_free(&ev);

        /* the temperature bit clears, the spare one stays: one clear naming temperature */
        nd.critical_warning = NVME_CW_SPARE;
        nd.counter[NB_MEDIA_ERRORS] = 2;
        in = nvme_input("nvme0n1", &nd, true);
        struct smart_data *d2 = build(&in, 1, d1);
        assert_int_equal(smart_diff(d1, d2, &ev), 0);
        assert_null(find_event(&ev, SRVH_TRAP_NVME_WARNING_RAISED));
        e = find_event(&ev, SRVH_TRAP_NVME_WARNING_CLEARED);
        assert_non_null(e);
        assert_string_equal(e->new_state, "availableSpare");
        assert_string_equal(e->old_state, "temperature");
        assert_int_equal(e->severity, SRVH_HEALTH_CRITICAL); /* a bit is left */
        e = find_event(&ev, SRVH_TRAP_NVME_MEDIA_ERRORS);
        assert_non_null(e);
        assert_string_equal(e->new_state, "2");
        assert_string_equal(e->old_state, "0");
        assert_null(find_event(&ev, SRVH_TRAP_NVME_SPARE_LOW)); /* still low: not again */
        event_list_free(&ev);

        nb_healthy(&nd);
        nd.counter[NB_MEDIA_ERRORS] = 2;
        in = nvme_input("nvme0n1", &nd, true);
        struct smart_data *d3 = build(&in, 1, d2);
        assert_int_equal(smart_diff(d2, d3, &ev), 0);
        e = find_event(&ev, SRVH_TRAP_NVME_WARNING_CLEARED);
        assert_non_null(e);
        assert_string_equal(e->new_state, "none");
        assert_int_equal(e->severity, SRVH_HEALTH_OK);
        assert_non_null(find_event(&ev, SRVH_TRAP_NVME_SPARE_OK));
        assert_non_null(find_event(&ev, SRVH_TRAP_NVME_WEAR_NORMAL));
        assert_null(find_event(&ev, SRVH_TRAP_NVME_MEDIA_ERRORS));
        event_list_free(&ev);
        smart_data_free(d0);
        smart_data_free(d1);
        smart_data_free(d2);
        smart_data_free(d3);
}

static void test_events_at_first_poll_for_a_failing_disk(void **state)
{
        (void)state;
        struct nb_disk nd;
        struct event_list ev = {0};
        nb_healthy(&nd);
        nd.critical_warning = NVME_CW_READ_ONLY;
        struct smart_input in = nvme_input("nvme0n1", &nd, true);
        struct smart_data *d = build(&in, 1, NULL);
        assert_int_equal(smart_diff(NULL, d, &ev), 0);
        const struct srvh_event *e = find_event(&ev, SRVH_TRAP_NVME_WARNING_RAISED);
        assert_non_null(e);
        assert_string_equal(e->new_state, "readOnly");
        assert_string_equal(e->old_state, "");
        assert_null(find_event(&ev, SRVH_TRAP_NVME_SPARE_LOW));
        event_list_free(&ev);
        smart_data_free(d);
}

/* ---- config ---------------------------------------------------------------------------------- */

static void test_config_nvme_log_and_wear_high(void **state)
{
        (void)state;
        const struct module_config_ops *ops = smart_module.config;
        struct smart_config *c = ops->new_config();
        char err[256];
        assert_non_null(c);
        assert_int_equal(c->nvme_wear_high, SMART_DEFAULT_NVME_WEAR_HIGH);
        assert_int_equal(ops->parse(c, "nvmeLog", "a /x/a.log /x/a.id", err, sizeof(err)), 0);
        assert_int_equal(ops->parse(c, "nvmeLog", "b /x/b.log", err, sizeof(err)), 0);
        assert_int_equal(c->n_nvme_logs, 2);
        assert_string_equal(c->nvme_logs[0].path, "/x/a.log");
        assert_string_equal(c->nvme_identify[0], "/x/a.id");
        assert_string_equal(c->nvme_identify[1], "");
        assert_int_equal(ops->parse(c, "nvmeLog", "a /x/c.log", err, sizeof(err)), -EINVAL);
        assert_non_null(strstr(err, "given twice"));
        assert_int_equal(ops->parse(c, "nvmeLog", "c /x/c.log rel.id", err, sizeof(err)), -EINVAL);
        assert_non_null(strstr(err, "IDENTIFY"));
        assert_int_equal(ops->parse(c, "nvmeLog", "c", err, sizeof(err)), -EINVAL);
        assert_int_equal(ops->parse(c, "nvmeLog", "c /a /b /c", err, sizeof(err)), -EINVAL);
        assert_int_equal(c->n_nvme_logs, 2);
        assert_int_equal(ops->parse(c, "nvmeWearHigh", "95", err, sizeof(err)), 0);
        assert_int_equal(c->nvme_wear_high, 95);
        assert_int_equal(ops->parse(c, "nvmeWearHigh", "256", err, sizeof(err)), -EINVAL);
        assert_int_equal(ops->parse(c, "nvmeWearHigh", "-1", err, sizeof(err)), -EINVAL);
        assert_int_equal(c->nvme_wear_high, 95);
        ops->free_config(c);
}

/* ---- replay reader --------------------------------------------------------------------------- */

static void write_file(const char *path, const void *buf, size_t n)
{
        FILE *f = fopen(path, "wb");
        assert_non_null(f);
        assert_int_equal(fwrite(buf, 1, n, f), n);
        assert_int_equal(fclose(f), 0);
}

static void test_replay_reads_pages_and_reports_bad_files(void **state)
{
        (void)state;
        char dir[] = "/tmp/test_nvme.XXXXXX", log[64], id[64], missing[64];
        struct nb_disk nd;
        uint8_t lp[NB_LOG_LEN], ip[NB_ID_LEN];
        struct smart_reading r;
        assert_non_null(mkdtemp(dir));
        snprintf(log, sizeof(log), "%s/log", dir);
        snprintf(id, sizeof(id), "%s/id", dir);
        snprintf(missing, sizeof(missing), "%s/missing", dir);
        nb_healthy(&nd);
        nb_log_page(&nd, lp);
        nb_identify_page(&nd, ip);
        write_file(log, lp, sizeof(lp));
        write_file(id, ip, sizeof(ip));

        assert_int_equal(nvme_read_replay(log, id, &r), 0);
        assert_int_equal(r.status, SMART_READ_OK);
        assert_int_equal(r.transport, SMART_TRANSPORT_NVME);
        assert_true(r.has_identity);
        assert_string_equal(r.serial, "S6B0NL0T912345");
        assert_string_equal(r.error, "");

        assert_int_equal(nvme_read_replay(log, missing, &r), 0); /* the identity alone is lost */
        assert_int_equal(r.status, SMART_READ_OK);
        assert_false(r.has_identity);
        assert_non_null(strstr(r.error, "No such file"));

        write_file(log, lp, 300);
        assert_true(nvme_read_replay(log, "", &r) < 0);
        assert_int_equal(r.status, SMART_READ_FAILED);
        assert_non_null(strstr(r.error, "300 bytes, a health log page has 512"));
        assert_true(nvme_read_replay(dir, "", &r) < 0);
        assert_non_null(strstr(r.error, "not a regular file"));
        unlink(log);
        unlink(id);
        rmdir(dir);
}

/* ---- device reader, without a device ----------------------------------------------------------
 */

static int64_t clock_ms(void)
{
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void test_device_reader_refuses_a_plain_file_and_serves_hwmon(void **state)
{
        (void)state;
        char dir[] = "/tmp/test_nvme_dev.XXXXXX", node[96], link[96], hw[160];
        struct smart_dev_opts o = {.standby = SMART_STANDBY_STANDBY, .now_ms = clock_ms};
        struct smart_reading r;
        char ctrl[16];
        assert_non_null(mkdtemp(dir));
        snprintf(node, sizeof(node), "%s/nvme5", dir);
        snprintf(link, sizeof(link), "%s/nvme-Vendor_Model_SERIAL", dir);
        write_file(node, "", 0);
        assert_int_equal(symlink(node, link), 0);
        /* a by-id link is followed to the node's own name */
        assert_true(nvme_node_controller(link, ctrl, sizeof(ctrl)));
        assert_string_equal(ctrl, "nvme5");
        assert_false(nvme_node_controller(dir, ctrl, sizeof(ctrl)));

        /* the controller's hwmon device, below the sysroot */
        const char *parts[] = {"/sys", "/sys/class", "/sys/class/nvme", "/sys/class/nvme/nvme5",
                               "/sys/class/nvme/nvme5/hwmon2"};
        for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
                snprintf(hw, sizeof(hw), "%s%s", dir, parts[i]);
                assert_int_equal(mkdir(hw, 0755), 0);
        }
        snprintf(hw, sizeof(hw), "%s/sys/class/nvme/nvme5/hwmon2/temp1_input", dir);
        write_file(hw, "45150\n", 6);

        o.deadline_ms = clock_ms() + 5000;
        assert_true(nvme_read_device(link, dir, &o, &r) < 0);
        assert_int_equal(r.status, SMART_READ_FAILED);
        assert_int_equal(r.transport, SMART_TRANSPORT_NVME);
        assert_non_null(strstr(r.error, "is not a device node"));
        assert_true(r.has_temperature);
        assert_int_equal(r.temperature_dc, 451);
        assert_false(r.has_nvme);

        /* no time left: nothing is sent, the node is not even asked */
        o.deadline_ms = clock_ms() - 1;
        unlink(hw);
        assert_true(nvme_read_device("/dev/null", dir, &o, &r) < 0);
        assert_int_equal(r.status, SMART_READ_TIMED_OUT);
        assert_non_null(strstr(r.error, "Identify Controller: timed out"));
        assert_false(r.has_temperature); /* /dev/null is no NVMe name: no hwmon looked up */

        unlink(link);
        unlink(node);
        for (size_t i = sizeof(parts) / sizeof(parts[0]); i-- > 0;) {
                snprintf(hw, sizeof(hw), "%s%s", dir, parts[i]);
                rmdir(hw);
        }
        rmdir(dir);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_log_decodes_every_field_at_its_offset),
            cmocka_unit_test(test_log_counter_over_64_bits_saturates_and_says_so),
            cmocka_unit_test(test_log_shorter_than_512_bytes_is_refused),
            cmocka_unit_test(test_identify_strings_lose_padding_and_capacity_comes_from_tnvmcap),
            cmocka_unit_test(test_identify_without_serial_or_short_is_refused),
            cmocka_unit_test(test_kelvin_converts_as_the_kernel_hwmon_does),
            cmocka_unit_test(test_warning_names_follow_the_mib_labels),
            cmocka_unit_test(test_controller_names_of_nodes),
            cmocka_unit_test(test_udev_filter_keeps_multipath_heads_and_drops_path_nodes),
            cmocka_unit_test(test_health_from_warning_bits_spare_media_and_wear),
            cmocka_unit_test(test_rows_serve_the_nvme_columns_and_no_ata_ones),
            cmocka_unit_test(
                test_rows_without_identify_are_keyed_by_name_and_ata_rows_have_no_nvme_cells),
            cmocka_unit_test(test_hwmon_temperature_is_served_for_a_disk_without_permission),
            cmocka_unit_test(test_events_raise_and_clear_warning_bits_spare_and_wear),
            cmocka_unit_test(test_events_at_first_poll_for_a_failing_disk),
            cmocka_unit_test(test_config_nvme_log_and_wear_high),
            cmocka_unit_test(test_replay_reads_pages_and_reports_bad_files),
            cmocka_unit_test(test_device_reader_refuses_a_plain_file_and_serves_hwmon),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
