/* A stand-in for Windows' bcryptprimitives.dll, for the Wine check only (wine_check.py builds
 * it into the Wine prefix's system32; it never reaches the bundle). cryptography's Rust
 * extension (used by the test extras' trustme, not by the app) imports ProcessPrng from it;
 * Wine 8 lacks that export. Windows' ProcessPrng fills the buffer from the system RNG and
 * always returns TRUE; here it asks BCryptGenRandom for the same. */
#include <windows.h>
#include <bcrypt.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0) return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
