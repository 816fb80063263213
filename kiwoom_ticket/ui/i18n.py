"""The UI's text catalogue: every label in Korean and English, in one place.

The catalogue is built on the domain's one text object, `Text(ko, en)` (domain/text.py):
each key names a Text, filled by `Text.format` (language by language, Korean particles by
the value's final sound: "{env:으로}"). `both(key, ...)` gives the Text (a status line
keeps it and shows it again after a switch), `tr(key, ...)` the text in the current
language, `pick(text)` any Text (the domain's, the service's, an exception's) in it. The
language follows the system locale at start (QLocale) and can be switched; widgets
listen to `language.changed`.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, QObject, Signal

from ..domain.text import Text, count_en, ticks_en

CATALOGUE: dict[str, Text] = {
    "app.title": Text("키움 주문표", "Kiwoom Ticket"),
    # environment bar
    "env.label": Text("환경", "Environment"),
    "env.real_banner": Text(
        "실전 투자 — 주문이 실제 계좌로 나갑니다", "REAL trading — orders go to your real account"
    ),
    "env.confirm_real.title": Text("실전 투자로 전환", "Switch to real trading"),
    "env.confirm_real.text": Text(
        "실전 투자로 전환합니다. 이후 주문은 실제 계좌에서 체결됩니다.\n계속하시겠습니까?",
        "Switch to REAL trading? Orders from now on trade your real account.",
    ),
    "env.need_keys": Text(
        "이 환경은 앱키와 시크릿키가 필요합니다", "This environment needs an app key and secret key"
    ),
    "conn.idle": Text("연결 안 됨", "Not connected"),
    "conn.connecting": Text("연결 중…", "Connecting…"),
    "conn.connected": Text("연결됨", "Connected"),
    "conn.failed": Text("연결 실패", "Connection failed"),
    "conn.logged_out": Text("로그아웃됨", "Logged out"),
    "conn.token_expiry": Text("토큰 만료 {time}", "Token expires {time}"),
    "market.practice": Text("연습 거래소: 언제나 열림", "Practice exchange: always open"),
    "market.closed": Text("KST {time} · 장 마감", "KST {time} · markets closed"),
    "market.weekend": Text("KST {time} · 주말 휴장", "KST {time} · weekend, closed"),
    "market.open": Text("KST {time} · {sessions}", "KST {time} · {sessions}"),
    "market.tip": Text("KRX·NXT 거래시간 기준 (공휴일은 반영하지 않음)",
                       "From KRX and NXT trading hours (public holidays not included)"),
    "conn.connect": Text("접속", "Connect"),
    "conn.logout": Text("로그아웃", "Log out"),
    "conn.keys": Text("API 키…", "API keys…"),
    "conn.session_keys": Text("⚠ 키: 이번 세션만", "⚠ keys: this session only"),
    "queue.waiting": Text("대기 {n}건", "{n} queued"),
    # tabs and fields
    "tab.buy": Text("매수", "Buy"),
    "tab.sell": Text("매도", "Sell"),
    "tab.modify": Text("정정", "Modify"),
    "tab.cancel": Text("취소", "Cancel"),
    "field.exchange": Text("거래소", "Exchange"),
    "field.trade_type": Text("주문유형", "Order type"),
    "field.stock_code": Text("종목코드", "Stock code"),
    "field.quantity": Text("수량", "Quantity"),
    "field.quantity_all": Text("수량 (0=전량)", "Quantity (0 = all)"),
    "field.price": Text("주문가격", "Price"),
    "field.new_price": Text("정정가격", "New price"),
    "field.stop_price": Text("스톱가격", "Stop price"),
    "field.orig_ord_no": Text("원주문번호", "Original order no."),
    "field.estimate": Text("예상 주문금액", "Estimated value"),
    "quote.current": Text("현재가", "Last"),
    "quote.upper": Text("상한가", "Upper limit"),
    "quote.lower": Text("하한가", "Lower limit"),
    "quote.looking_up": Text("조회 중…", "Looking up…"),
    "quote.failed": Text("시세 조회 실패", "Quote lookup failed"),
    "quote.time": Text("시세 {time}", "{time}"),  # English: the labels are longer
    "quote.time_tip": Text(
        "시세를 조회한 시각. 주문 상태를 갱신할 때마다, 그리고 종목이나 탭을 바꿀 때 다시 조회합니다",
        "When the quote was fetched. It is fetched again with every order-status poll and "
        "when the stock or the tab changes",
    ),
    "quote.change_tip": Text("기준가 {base} 대비 (등락률)", "Change against the base price of {base}"),
    "price.none": Text("가격 없음 (시장에서 결정)", "No price (set by the market)"),
    "price.hint": Text("↑/↓ 또는 휠: 호가단위 이동", "Up/Down or wheel: move by one tick"),
    "stop.hint": Text("스톱지정가(28)만", "Stop limit (28) only"),
    "preset.tip": Text("클릭: 주문가격에 입력", "Click: use as the price"),
    "price.tick_down": Text("−1호가", "−1 tick"),
    "price.tick_up": Text("+1호가", "+1 tick"),
    "price.tick_down_tip": Text("한 호가 내리기 (↓ 키)", "One tick down (Down key)"),
    "price.tick_up_tip": Text("한 호가 올리기 (↑ 키)", "One tick up (Up key)"),
    "submit.buy": Text("매수 주문", "Place buy"),
    "submit.sell": Text("매도 주문", "Place sell"),
    "submit.modify": Text("정정 주문", "Send modify"),
    "submit.cancel": Text("취소 주문", "Send cancel"),
    "submit.sending": Text("전송 중…", "Sending…"),
    "form.clear": Text("지우기 (Esc)", "Clear (Esc)"),
    "form.keys_hint": Text("Enter: 주문  ·  Esc: 지우기", "Enter: send  ·  Esc: clear"),
    "form.keys_hint_modify": Text("Enter: 정정 확인  ·  Esc: 지우기",
                                  "Enter: confirm the modify  ·  Esc: clear"),
    "form.keys_hint_cancel": Text("Enter: 취소 확인  ·  Esc: 지우기",
                                  "Enter: confirm the cancel  ·  Esc: clear"),
    "warn.title": Text("주문 확인", "Confirm order"),
    "warn.intro": Text("다음 사항을 확인하세요:", "Please check:"),
    "warn.proceed": Text("그래도 주문하시겠습니까?", "Send the order anyway?"),
    "confirm.proceed": Text("주문하시겠습니까?", "Send the order?"),
    "real.confirm.title": Text("실전 주문 확인", "Confirm real order"),
    # what a modify changes (정정 확인: 변경 전 -> 변경 후)
    "modify.changes": Text("정정 내용 (변경 전 → 변경 후):", "Changes (before → after):"),
    "modify.stock": Text("종목", "Stock"),
    "modify.price": Text("가격", "Price"),
    "modify.quantity": Text("수량", "Quantity"),
    "modify.exchange": Text("거래소", "Exchange"),
    "modify.unchanged": Text("변경 없음", "unchanged"),
    "modify.remaining_of": Text("잔량 {n}주 (주문 {qty}주)", "{n} left of {qty}"),
    "modify.all": Text("전량", "all remaining"),
    "modify.all_n": Text("전량 {shares}", "all remaining, {shares}"),
    "modify.original_status": Text("⚠ 원주문 상태: {status}", "⚠ The original order is {status}"),
    "modify.not_in_log": Text(
        "원주문 {no:이} 주문 내역에 없어 변경 전 값을 보여 드릴 수 없습니다.",
        "Order {no} is not in the order log: the values before the change are unknown.",
    ),
    "resend.title": Text("다시 보내기 확인", "Confirm resend"),
    "resend.explain": Text(
        "이전 요청은 거래소에 접수되지 않은 것으로 확인되어 같은 주문을 새로 보냅니다.",
        "The earlier request was confirmed not taken by the exchange; this sends the same "
        "order as a new one.",
    ),
    "dialog.yes": Text("예", "Yes"),
    "dialog.no": Text("아니요", "No"),
    # account panel
    "acct.title": Text("계좌", "Account"),
    "acct.orderable": Text("주문가능금액", "Orderable cash"),
    "acct.total_profit": Text("평가손익 합계", "Total P/L"),
    "acct.loading": Text("조회 중…", "Loading…"),
    "acct.failed": Text("계좌 조회 실패: {message}", "Account lookup failed: {message}"),
    "acct.none": Text("보유 종목 없음", "No holdings"),
    "acct.hint": Text("더블클릭: 매도 탭으로", "Double-click: sell it"),
    "acct.col.stock": Text("종목", "Stock"),
    "acct.col.quantity": Text("보유", "Held"),
    "acct.col.sellable": Text("가능", "Free"),
    "acct.col.avg_price": Text("평균가", "Avg"),
    "acct.col.current": Text("현재가", "Last"),
    "acct.col.profit": Text("평가손익", "P/L"),
    "acct.col.rate": Text("수익률", "Return"),
    "acct.tip.stock": Text("종목", "Stock"),
    "acct.tip.quantity": Text("보유수량", "Shares held"),
    "acct.tip.sellable": Text("매매가능수량 (미체결 매도분 제외)",
                              "Sellable now (held minus open sell orders)"),
    "acct.tip.avg_price": Text("평균 매입가", "Average purchase price"),
    "acct.tip.current": Text("현재가", "Last price"),
    "acct.tip.profit": Text("평가손익 (원)", "Unrealised profit or loss (won)"),
    "acct.tip.rate": Text("수익률", "Return on cost"),
    "qty.buyable": Text("매수가능 {n}주", "Can buy {n}"),
    "qty.sellable": Text("매도가능 {n}주", "Can sell {n}"),
    "qty.unknown_buyable": Text("매수가능 —", "Can buy —"),
    "qty.unknown_sellable": Text("매도가능 —", "Can sell —"),
    "qty.max": Text("최대", "Max"),
    "qty.too_small": Text("{pct}%는 1주 미만입니다", "{pct}% is less than one share"),
    # order log
    "log.title": Text("주문 내역", "Order log"),
    "col.time": Text("시각", "Time"),
    "col.action": Text("구분", "Action"),
    "col.stock": Text("종목", "Stock"),
    "col.exchange": Text("거래소", "Exch."),
    "col.type": Text("유형", "Type"),
    "col.quantity": Text("수량", "Qty"),
    "col.price": Text("가격", "Price"),
    "col.ord_no": Text("주문번호", "Order no."),
    "col.orig_ord_no": Text("원주문번호", "Orig. no."),
    "col.root_ord_no": Text("모주문번호", "Root no."),
    "col.status": Text("상태", "Status"),
    "col.fill_price": Text("체결가", "Fill price"),
    "col.fill_price_tip": Text(
        "거래소가 알려 준 체결가 (나눠 체결되면 평균)", "The exchange's fill price (the average "
        "when it filled in parts)"),
    "col.filled_at": Text("체결확인", "Filled at"),
    "col.filled_at_tip": Text(
        "앱이 체결을 확인한 시각 (키움 체결조회에는 체결시각이 없습니다)",
        "When the app saw the fill (Kiwoom's fill list carries no fill time)"),
    "col.message": Text("메시지", "Message"),
    "log.all_qty": Text("0 (전량)", "0 (all)"),
    "log.refresh": Text("새로고침 (F5)", "Refresh (F5)"),
    "log.modify": Text("정정…", "Modify…"),
    "log.cancel": Text("취소…", "Cancel…"),
    "log.check_now": Text("지금 확인", "Check now"),
    "log.check_now_tip": Text(
        "결과 미확인 주문을 거래소의 미체결·체결 내역과 지금 대조합니다",
        "Look for this order in the exchange's open orders and fills now",
    ),
    "log.resend": Text("다시 보내기…", "Resend…"),
    "log.resend_tip": Text(
        "접수되지 않은 것이 확인된 주문(요청 한도 초과, 미접수 확인)만 다시 보낼 수 있습니다",
        "Only requests confirmed not taken (rate limited, not received) can be sent again",
    ),
    "log.resent_tip": Text("이미 다시 보냈습니다", "Already sent again"),
    "log.copy_no": Text("주문번호 복사", "Copy order number"),
    "log.export": Text("CSV로 내보내기…", "Export CSV…"),
    "log.earlier_day": Text("지난 거래일 주문 ({day}): 정정·취소할 수 없습니다",
                            "An order from an earlier trading day ({day}): final"),
    "log.earlier_day_short": Text("지난 거래일 주문", "An order from an earlier trading day"),
    "status.late_found": Text("⚠ 미접수 판정 주문이 뒤늦게 접수됨",
                              "Order judged not taken was accepted late"),
    "status.late_found_tip": Text(
        "다시 보낸 주문이 있다면 두 주문이 모두 살아 있습니다. 주문 내역의 빨간 행을 확인하세요.",
        "If you sent it again, both orders are live. Check the red rows in the order log."),
    "status.journal_damaged": Text(
        "주문 기록 파일이 손상되어 옆으로 옮기고 새로 시작했습니다: {path}. 오늘 주문은 거래소 "
        "기록에서 다시 가져옵니다",
        "The order journal was damaged; it was moved aside and a new one started: {path}. "
        "Today's orders are restored from the exchange's records"),
    "status.restored": Text("거래소 기록에서 오늘 주문 {n}건을 복원했습니다",
                            "Restored {n} of today's orders from the exchange's records"),
    "menu.reset_practice": Text("연습 계좌 초기화…", "Reset practice account…"),
    "reset.title": Text("연습 계좌 초기화", "Reset the practice account"),
    "reset.text": Text(
        "연습 계좌의 현금·보유 종목·미체결 주문을 처음 상태로 되돌립니다. 주문번호도 "
        "0000001부터 다시 시작합니다. 지금까지의 주문 내역은 남습니다.\n초기화하시겠습니까?",
        "Reset the practice account's cash, holdings and open orders to the start? Order "
        "numbers start again from 0000001. The order log so far is kept."),
    "reset.done": Text("연습 계좌를 초기화했습니다", "The practice account was reset"),
    "log.exported": Text("{n}행을 {path}에 저장했습니다", "Saved {rows} to {path}"),
    "log.refreshed": Text("주문 상태 갱신 {time}: {n}건 변경", "Order status {time}: {n} changed"),
    "log.refreshed_tip": Text(
        "거래소의 미체결·체결 내역으로 주문 상태를 마지막으로 바꾼 시각",
        "When the exchange's open orders and fills last moved an order on",
    ),
    # menus and settings
    "menu.settings": Text("설정", "Settings"),
    "menu.language": Text("언어 / Language", "Language / 언어"),
    "menu.keys": Text("API 키 관리…", "Manage API keys…"),
    "menu.quit": Text("종료", "Quit"),
    "menu.precautions": Text("주문 확인/착오 방지…", "Order checks and limits…"),
    "menu.help": Text("도움말", "Help"),
    "menu.about": Text("키움 주문표 정보", "About Kiwoom Ticket"),
    # the About box (도움말 -> 정보)
    "about.title": Text("키움 주문표 정보", "About Kiwoom Ticket"),
    "about.tagline": Text(
        "키움증권 REST API 주문창 · 연습 거래소 내장",
        "An order ticket for Kiwoom Securities' REST API, with a built-in practice exchange",
    ),
    "about.version": Text("버전 {version}", "Version {version}"),
    "about.frozen": Text("설치본", "installed build"),
    "about.data": Text("주문 기록(저널) 폴더", "Order journal folder"),
    "about.log": Text("로그 파일", "Log file"),
    "about.license": Text(
        "MIT 라이선스 · 글꼴: 나눔고딕 (SIL 오픈 폰트 라이선스)",
        "MIT License · Font: NanumGothic (SIL Open Font License)",
    ),
    "dialog.close": Text("닫기", "Close"),
    # order-error precautions (주문착오 방지)
    "prec.title": Text("주문 확인/착오 방지 설정", "Order checks and limits"),
    "prec.intro": Text(
        "경고: 확인을 받은 뒤 주문합니다. 차단: 주문하지 않습니다. 비워 두면 제한이 없습니다.",
        "Warn: asks before sending. Block: refuses the order. Leave empty for no limit.",
    ),
    "prec.warn": Text("경고 (확인)", "Warn (ask)"),
    "prec.block": Text("차단", "Block"),
    "prec.max_quantity": Text("주문수량", "Order quantity"),
    "prec.max_value": Text("주문금액", "Order value"),
    "prec.distance_percent": Text("현재가 대비 가격 차이", "Price away from last"),
    "prec.distance_ticks": Text("현재가 대비 호가 수", "Ticks away from last"),
    "prec.duplicate_seconds": Text("같은 주문 재전송 경고", "Same order again within"),
    "prec.large_order_value": Text("마우스 확인 기준 금액", "Mouse-only confirm above"),
    "prec.tip.duplicate_seconds": Text(
        "같은 종목·수량·가격의 주문을 이 시간 안에 다시 보내면 확인을 받습니다",
        "Sending the same stock, quantity and price again within this time asks first",
    ),
    "prec.tip.large_order_value": Text(
        "이 금액을 넘는 주문은 Enter로 확인할 수 없고 '예'를 마우스로 눌러야 합니다",
        "Above this value an order cannot be confirmed with Enter, only with the mouse",
    ),
    "prec.unit.shares": Text("주", "shares"),
    "prec.unit.won": Text("원", "won"),
    "prec.unit.percent": Text("%", "%"),
    "prec.unit.ticks": Text("호가", "ticks"),
    "prec.unit.seconds": Text("초", "seconds"),
    "prec.confirm_every_order": Text(
        "모든 주문 전에 주문 내용 확인", "Confirm every order with a summary first"),
    "prec.confirm_real_tip": Text(
        "실전 투자에서는 모든 주문을 확인합니다 (끌 수 없음)",
        "Real trading always confirms every order (cannot be switched off)",
    ),
    "prec.over_cash_block": Text(
        "주문가능금액을 넘는 매수는 차단 (끄면 경고)",
        "Block buys over the orderable cash (off: warn first)"),
    "prec.tip.over_cash_block": Text(
        "매수 주문금액이 계좌의 주문가능금액보다 많을 때: 켜면 주문하지 않고, 끄면 확인을 받습니다",
        "A buy costing more than the account's orderable cash: on, it is refused; off, it asks",
    ),
    "prec.defaults": Text("기본값으로 되돌리기", "Restore defaults"),
    "prec.save": Text("저장", "Save"),
    "prec.saved": Text("주문 확인/착오 방지 설정을 저장했습니다", "Order checks and limits saved"),
    "prec.err.required": Text("값을 입력하세요", "Enter a value"),
    "prec.err.whole": Text("0 이상의 정수를 입력하세요", "Enter a whole number, 0 or more"),
    "prec.err.number": Text("0 이상의 숫자를 입력하세요", "Enter a number, 0 or more"),
    "prec.err.block_below_warn": Text(
        "차단 기준은 경고 기준 이상이어야 합니다", "Block must be at least the warn level"),
    # credentials dialog
    "keys.title": Text("API 키 — {env}", "API keys — {env}"),
    "keys.appkey": Text("앱키", "App key"),
    "keys.secretkey": Text("시크릿키", "Secret key"),
    "keys.stored": Text("저장됨: {masked}", "Stored: {masked}"),
    "keys.none": Text("저장된 키 없음", "No key stored"),
    "keys.replace_hint": Text("바꾸려면 새 값을 입력하세요", "Type a new value to replace it"),
    "keys.save": Text("저장", "Save"),
    "keys.delete": Text("삭제", "Delete"),
    "keys.cancel": Text("닫기", "Close"),
    "keys.no_backend": Text(
        "OS 키링을 쓸 수 없어 키를 이번 세션 동안만 메모리에 보관합니다.",
        "No OS keyring is available: keys are kept in memory for this session only.",
    ),
    "keys.keyring": Text("키는 OS 키링에 저장됩니다.", "Keys are stored in the OS keyring."),
    "keys.incomplete": Text("앱키와 시크릿키를 모두 입력하세요", "Enter both the app key and the secret key"),
    # status line
    "status.ready": Text("준비", "Ready"),
    "status.error": Text("오류", "Error"),
    "status.blocked": Text("입력 오류로 주문하지 않았습니다", "Not sent: please fix the highlighted fields"),
    "status.cancelled_by_user": Text("주문을 보내지 않았습니다", "Not sent"),
    "status.not_connected": Text(
        "연결되지 않아 주문하지 않았습니다: 접속한 뒤 다시 보내세요",
        "Not connected: nothing was sent. Connect, then send again"),
    "status.worker_error": Text("요청 실패", "Request failed"),
    "status.order_no": Text("주문번호", "No."),
    "status.resend_unavailable": Text(
        "이 주문은 다시 보낼 수 없습니다", "This order can't be sent again"),
    "status.switched": Text("{env:으로} 전환했습니다", "Switched to {env}"),
}

LANGUAGES = ("ko", "en")


def register(texts: dict[str, Text]) -> None:
    """Add a feature's own texts (a module of its own, e.g. ui/ladder_texts.py) to the
    catalogue, so that no one file holds every label. A key may be registered once."""
    clash = CATALOGUE.keys() & texts.keys()
    if clash:
        raise KeyError(f"text keys registered twice: {sorted(clash)}")
    CATALOGUE.update(texts)


class Language(QObject):
    """The current UI language; `changed` fires after a switch."""

    changed = Signal(str)

    def __init__(self, code: str = "ko") -> None:
        super().__init__()
        self._code = code if code in LANGUAGES else "ko"

    @property
    def code(self) -> str:
        return self._code

    @property
    def other(self) -> str:
        return "en" if self._code == "ko" else "ko"

    def set(self, code: str) -> None:
        if code in LANGUAGES and code != self._code:
            self._code = code
            self.changed.emit(code)


def system_language() -> str:
    """Korean when the system locale is Korean, English otherwise."""
    return "ko" if QLocale.system().language() == QLocale.Language.Korean else "en"


language = Language(system_language())


def text(key: str) -> Text:
    return CATALOGUE[key]


def tr(key: str, **fmt: object) -> str:
    """The catalogue entry `key` in the current language, formatted with `fmt`."""
    return CATALOGUE[key].format(**fmt).get(language.code)


def tr_other(key: str, **fmt: object) -> str:
    """The same entry in the other language (for tooltips)."""
    return CATALOGUE[key].format(**fmt).get(language.other)


def pick(t: Text | str) -> str:
    """A Text in the UI's language; a plain string (a code, a name, a path) as it is."""
    return t.get(language.code) if isinstance(t, Text) else t


def pick_other(t: Text) -> str:
    return t.get(language.other)


def shares(n: int) -> str:
    """A share count in the UI language: '1주', '1 share', '3 shares'."""
    return f"{n:,}주" if language.code == "ko" else count_en(n, "share")


def signed_ticks(n: int) -> str:
    """A signed tick distance in the UI language: '+1호가', '+1 tick', '-3 ticks'."""
    return f"{n:+d}호가" if language.code == "ko" else ticks_en(n)


def both(key: str, **fmt: object) -> Text:
    """The entry in both languages, formatted language by language (a Text among the
    values goes into its own language), for a status line: it is kept as a Text and
    shown in the UI's language, again after a switch; never "한국어 / English"."""
    return CATALOGUE[key].format(**fmt)
