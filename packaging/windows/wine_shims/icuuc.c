/* A stand-in for Windows' system icuuc.dll, for the Wine check only (wine_check.py builds it
 * into the Wine prefix's system32; it never reaches the bundle). Windows 10 1903+ ships
 * icuuc.dll and Qt6Core.dll imports these ucnv_* functions from it; Wine 8 has none, so
 * `import PySide6.QtCore` fails with "DLL load failed". Every function here fails the way ICU
 * does (U_UNSUPPORTED_ERROR, a null converter), and Qt falls back to its own UTF codecs.
 * Signatures: ICU's unicode/ucnv.h and ucnv_cb.h. wine_check.py compares this list with what
 * Qt6Core.dll imports and stops if Qt ever asks for one more. */
#include <stddef.h>
#include <stdint.h>

#define EXPORT __declspec(dllexport)
typedef int UErrorCode;
typedef uint16_t UChar;
typedef int8_t UBool;
typedef struct UConverter UConverter;
typedef void *Callback;
enum { U_UNSUPPORTED_ERROR = 16 };

static void fail(UErrorCode *err) {
    if (err && *err <= 0) *err = U_UNSUPPORTED_ERROR;
}

EXPORT UConverter *ucnv_open(const char *name, UErrorCode *err) { (void)name; fail(err); return NULL; }
EXPORT void ucnv_close(UConverter *c) { (void)c; }
EXPORT void ucnv_reset(UConverter *c) { (void)c; }
EXPORT int8_t ucnv_getMaxCharSize(const UConverter *c) { (void)c; return 1; }
EXPORT const char *ucnv_getName(const UConverter *c, UErrorCode *err) { (void)c; fail(err); return NULL; }
EXPORT void ucnv_getToUCallBack(const UConverter *c, Callback *action, const void **context) {
    (void)c; if (action) *action = NULL; if (context) *context = NULL;
}
EXPORT void ucnv_getFromUCallBack(const UConverter *c, Callback *action, const void **context) {
    (void)c; if (action) *action = NULL; if (context) *context = NULL;
}
EXPORT void ucnv_setToUCallBack(UConverter *c, Callback action, const void *context,
                                Callback *old_action, const void **old_context, UErrorCode *err) {
    (void)c; (void)action; (void)context; (void)old_action; (void)old_context; fail(err);
}
EXPORT void ucnv_setFromUCallBack(UConverter *c, Callback action, const void *context,
                                  Callback *old_action, const void **old_context, UErrorCode *err) {
    (void)c; (void)action; (void)context; (void)old_action; (void)old_context; fail(err);
}
EXPORT void ucnv_toUnicode(UConverter *c, UChar **target, const UChar *target_limit,
                           const char **source, const char *source_limit, int32_t *offsets,
                           UBool flush, UErrorCode *err) {
    (void)c; (void)target; (void)target_limit; (void)source; (void)source_limit; (void)offsets;
    (void)flush; fail(err);
}
EXPORT void ucnv_fromUnicode(UConverter *c, char **target, const char *target_limit,
                             const UChar **source, const UChar *source_limit, int32_t *offsets,
                             UBool flush, UErrorCode *err) {
    (void)c; (void)target; (void)target_limit; (void)source; (void)source_limit; (void)offsets;
    (void)flush; fail(err);
}
EXPORT int32_t ucnv_toUCountPending(const UConverter *c, UErrorCode *err) { (void)c; fail(err); return 0; }
EXPORT int32_t ucnv_fromUCountPending(const UConverter *c, UErrorCode *err) { (void)c; fail(err); return 0; }
EXPORT const char *ucnv_getStandardName(const char *name, const char *standard, UErrorCode *err) {
    (void)name; (void)standard; fail(err); return NULL;
}
EXPORT const char *ucnv_getAvailableName(int32_t n) { (void)n; return NULL; }
EXPORT int32_t ucnv_countAvailable(void) { return 0; }
EXPORT void ucnv_cbToUWriteUChars(void *args, const UChar *source, int32_t length,
                                  int32_t offset_index, UErrorCode *err) {
    (void)args; (void)source; (void)length; (void)offset_index; fail(err);
}
EXPORT void ucnv_cbFromUWriteUChars(void *args, const UChar **source, const UChar *source_limit,
                                    int32_t offset_index, UErrorCode *err) {
    (void)args; (void)source; (void)source_limit; (void)offset_index; fail(err);
}
EXPORT void UCNV_FROM_U_CALLBACK_SUBSTITUTE(const void *context, void *args, const UChar *units,
                                            int32_t length, int32_t code_point, int reason,
                                            UErrorCode *err) {
    (void)context; (void)args; (void)units; (void)length; (void)code_point; (void)reason;
    fail(err);
}
EXPORT void UCNV_TO_U_CALLBACK_SUBSTITUTE(const void *context, void *args, const char *units,
                                          int32_t length, int reason, UErrorCode *err) {
    (void)context; (void)args; (void)units; (void)length; (void)reason; fail(err);
}
