/* ATA PASS-THROUGH (16) as the smart reader will send it (src/smart/smart_sat.c): CDB bytes per
 * SAT, and the ATA registers read back from descriptor-format sense (what libatasmart accepts) and
 * fixed-format sense (what Debian 12's libata returns while D_SENSE is 0). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "smart/smart_enums.h"
#include "smart/smart_sat.h"

static void test_cdb_smart_read_data_is_pio_in_one_sector_with_signature(void **state)
{
        (void)state;
        struct smart_ata_regs r;
        uint8_t cdb[SMART_SAT_CDB_LEN];
        static const uint8_t want[SMART_SAT_CDB_LEN] = {0x85, 0x08, 0x0e, 0, 0xd0, 0, 0x01, 0,
                                                        0,    0,    0x4f, 0, 0xc2, 0, 0xb0, 0};
        smart_ata_smart(&r, 0xd0);
        smart_sat_cdb(&r, SMART_SAT_PIO_IN, cdb);
        assert_memory_equal(cdb, want, sizeof(want));
}

static void test_cdb_smart_read_log_06h_and_write_log_e0h(void **state)
{
        (void)state;
        struct smart_ata_regs r;
        uint8_t cdb[SMART_SAT_CDB_LEN];
        static const uint8_t rd[SMART_SAT_CDB_LEN] = {0x85, 0x08, 0x0e, 0, 0xd5, 0, 0x01, 0,
                                                      0x06, 0,    0x4f, 0, 0xc2, 0, 0xb0, 0};
        static const uint8_t wr[SMART_SAT_CDB_LEN] = {0x85, 0x0a, 0x26, 0, 0xd6, 0, 0x01, 0,
                                                      0xe0, 0,    0x4f, 0, 0xc2, 0, 0xb0, 0};
        smart_ata_smart_log(&r, 0xd5, 0x06);
        smart_sat_cdb(&r, SMART_SAT_PIO_IN, cdb);
        assert_memory_equal(cdb, rd, sizeof(rd));
        smart_ata_smart_log(&r, 0xd6, 0xe0); /* SCT command: PIO data-out, T_DIR clear */
        smart_sat_cdb(&r, SMART_SAT_PIO_OUT, cdb);
        assert_memory_equal(cdb, wr, sizeof(wr));
}

static void test_cdb_read_log_ext_sets_extend(void **state)
{
        (void)state;
        struct smart_ata_regs r;
        uint8_t cdb[SMART_SAT_CDB_LEN];
        static const uint8_t want[SMART_SAT_CDB_LEN] = {0x85, 0x09, 0x0e, 0, 0, 0, 0x01, 0,
                                                        0x07, 0,    0,    0, 0, 0, 0x2f, 0};
        smart_ata_read_log_ext(&r, 0x07);
        smart_sat_cdb(&r, SMART_SAT_PIO_IN, cdb);
        assert_memory_equal(cdb, want, sizeof(want));
}

static void test_erc_limit_is_count_then_lba_low(void **state)
{
        (void)state;
        struct smart_ata_result res = {.count = 0x46, .lba_low = 0x00};
        assert_int_equal(smart_sat_erc_limit(&res), 70);
        res = (struct smart_ata_result){.count = 0x2c, .lba_low = 0x01};
        assert_int_equal(smart_sat_erc_limit(&res), 300);
}

static void test_cdb_identify_and_check_power_mode(void **state)
{
        (void)state;
        struct smart_ata_regs r;
        uint8_t cdb[SMART_SAT_CDB_LEN];
        smart_ata_identify(&r);
        smart_sat_cdb(&r, SMART_SAT_PIO_IN, cdb);
        assert_int_equal(cdb[14], 0xec);
        assert_int_equal(cdb[6], 1);
        assert_int_equal(cdb[2] & 0x20, 0); /* no CK_COND on data-in: 6.1 aborts those */
        smart_ata_check_power(&r);
        smart_sat_cdb(&r, SMART_SAT_NON_DATA, cdb);
        assert_int_equal(cdb[1], 0x06); /* protocol 3: non-data */
        assert_int_equal(cdb[2], 0x20); /* CK_COND only */
        assert_int_equal(cdb[14], 0xe5);
}

/* Descriptor sense: 72h, RECOVERED ERROR, 00h/1Dh, one ATA Status Return descriptor. */
static void descriptor_sense(uint8_t *s, uint8_t count, uint8_t mid, uint8_t high)
{
        memset(s, 0, 32);
        s[0] = 0x72;
        s[1] = 0x01;
        s[2] = 0x00;
        s[3] = 0x1d;
        s[7] = 14;
        uint8_t *d = s + 8;
        d[0] = 0x09;
        d[1] = 0x0c;
        d[5] = count;
        d[9] = mid;
        d[11] = high;
        d[13] = 0x50; /* DRDY, DSC */
}

/* Fixed sense: 70h, RECOVERED ERROR, registers in INFORMATION and COMMAND-SPECIFIC fields. */
static void fixed_sense(uint8_t *s, uint8_t count, uint8_t mid, uint8_t high)
{
        memset(s, 0, 32);
        s[0] = 0x70;
        s[2] = 0x01;
        s[3] = 0x00;  /* error */
        s[4] = 0x50;  /* status */
        s[5] = 0x40;  /* device */
        s[6] = count; /* count(7:0) */
        s[7] = 10;
        s[9] = 0x00; /* LBA(7:0) */
        s[10] = mid;
        s[11] = high;
        s[12] = 0x00;
        s[13] = 0x1d;
}

static void test_descriptor_sense_smart_status_good(void **state)
{
        (void)state;
        uint8_t s[32];
        struct smart_ata_result r;
        descriptor_sense(s, 0, 0x4f, 0xc2);
        assert_int_equal(smart_sat_decode_sense(s, sizeof(s), &r), 0);
        assert_true(r.descriptor);
        assert_int_equal(r.status, 0x50);
        assert_int_equal(smart_sat_smart_status(&r), 1);
}

static void test_fixed_sense_is_decoded_too(void **state)
{
        (void)state;
        uint8_t s[32];
        struct smart_ata_result r;
        fixed_sense(s, 0, 0xf4, 0x2c);
        assert_int_equal(smart_sat_decode_sense(s, 18, &r), 0);
        assert_false(r.descriptor);
        assert_int_equal(r.status, 0x50);
        assert_int_equal(r.device, 0x40);
        assert_int_equal(smart_sat_smart_status(&r), 0); /* threshold exceeded */
        fixed_sense(s, 0, 0x4f, 0xc2);
        assert_int_equal(smart_sat_decode_sense(s, 18, &r), 0);
        assert_int_equal(smart_sat_smart_status(&r), 1);
}

static void test_power_mode_from_count_in_either_format(void **state)
{
        (void)state;
        uint8_t s[32];
        struct smart_ata_result r;
        fixed_sense(s, 0x00, 0, 0);
        assert_int_equal(smart_sat_decode_sense(s, 18, &r), 0);
        assert_int_equal(smart_sat_power_mode(&r), SMART_POWER_STANDBY);
        descriptor_sense(s, 0xff, 0, 0);
        assert_int_equal(smart_sat_decode_sense(s, sizeof(s), &r), 0);
        assert_int_equal(smart_sat_power_mode(&r), SMART_POWER_ACTIVE);
        descriptor_sense(s, 0x80, 0, 0);
        assert_int_equal(smart_sat_decode_sense(s, sizeof(s), &r), 0);
        assert_int_equal(smart_sat_power_mode(&r), SMART_POWER_IDLE);
}

static void test_descriptor_after_another_descriptor_is_found(void **state)
{
        (void)state;
        uint8_t s[48] = {0x72, 0x01, 0x00, 0x1d, 0, 0, 0, 4 + 14};
        s[8] = 0x00; /* information descriptor, 2 bytes of payload */
        s[9] = 0x02;
        uint8_t *d = s + 12;
        d[0] = 0x09;
        d[1] = 0x0c;
        d[9] = 0x4f;
        d[11] = 0xc2;
        struct smart_ata_result r;
        assert_int_equal(smart_sat_decode_sense(s, sizeof(s), &r), 0);
        assert_int_equal(smart_sat_smart_status(&r), 1);
}

static void test_sense_without_ata_registers_is_refused(void **state)
{
        (void)state;
        uint8_t s[32];
        struct smart_ata_result r = {.error = 0x77};
        fixed_sense(s, 0, 0x4f, 0xc2);
        s[2] = 0x05; /* ILLEGAL REQUEST, INVALID FIELD IN CDB: pass-through not supported */
        s[12] = 0x24;
        s[13] = 0x00;
        assert_int_equal(smart_sat_decode_sense(s, 18, &r), -ENODATA);
        assert_int_equal(r.error, 0x77); /* untouched */
        assert_int_equal(smart_sat_decode_sense(s, 0, &r), -ENODATA);
        assert_int_equal(smart_sat_decode_sense(s, 5, &r), -EINVAL);
        fixed_sense(s, 0, 0x4f, 0xc2);
        assert_int_equal(smart_sat_decode_sense(s, 12, &r), -EINVAL); /* ASC cut off */
        descriptor_sense(s, 0, 0x4f, 0xc2);
        s[9] = 0x04; /* a status descriptor too short for its registers */
        assert_int_equal(smart_sat_decode_sense(s, sizeof(s), &r), -EINVAL);
        s[0] = 0x7f;
        assert_int_equal(smart_sat_decode_sense(s, sizeof(s), &r), -ENODATA);
        struct smart_ata_result junk = {.lba_mid = 1, .lba_high = 2};
        assert_int_equal(smart_sat_smart_status(&junk), -EIO);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_cdb_smart_read_data_is_pio_in_one_sector_with_signature),
            cmocka_unit_test(test_cdb_identify_and_check_power_mode),
            cmocka_unit_test(test_cdb_smart_read_log_06h_and_write_log_e0h),
            cmocka_unit_test(test_cdb_read_log_ext_sets_extend),
            cmocka_unit_test(test_erc_limit_is_count_then_lba_low),
            cmocka_unit_test(test_descriptor_sense_smart_status_good),
            cmocka_unit_test(test_fixed_sense_is_decoded_too),
            cmocka_unit_test(test_power_mode_from_count_in_either_format),
            cmocka_unit_test(test_descriptor_after_another_descriptor_is_found),
            cmocka_unit_test(test_sense_without_ata_registers_is_refused),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
