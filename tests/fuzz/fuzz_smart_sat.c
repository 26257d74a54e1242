/* libFuzzer target for the ATA PASS-THROUGH sense decoder (src/smart/smart_sat.c): any bytes as
 * sense data of any length must decode or be refused without reading past the end, and what
 * decodes must map to a known SMART status and power state. */
#include <stdint.h>
#include <stdlib.h>

#include "smart/smart_enums.h"
#include "smart/smart_sat.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct smart_ata_result r;
        if (smart_sat_decode_sense(data, size, &r) != 0)
                return 0;
        int st = smart_sat_smart_status(&r);
        int pm = smart_sat_power_mode(&r);
        if (st < -5 || st > 1 || pm < SMART_POWER_ACTIVE || pm >= SMART_POWER_MAX_)
                abort();
        return 0;
}
