"""The one curated legal thesaurus: how people say it → how the statutes say it.

A tenant writes "집주인이 보증금을 안 돌려줘요"; the statutes say 임대인, 보증금의 반환. Both the
issue-index matcher and the statute full-text search read a question through `reduce_question`:
words lose their particles and verb endings (해지할 → 해지, 밀리면 → 밀리, 신고해야 → 신고), spoken
verb phrases are cut where their grammar begins (연장하겠다 → 연장, 돌려받을수 → 돌려받), tense and
contraction are undone by rule (밀렸 → 밀리, 돌려줘야 → 돌려주), and every everyday phrase found
adds the statute words it stands for, grouped by meaning (누수, 곰팡이, 먹통 → 수선; 방 빼 → 해지).
English questions are read the same way through an English table, so they reach the same Korean
statute words.

Which law a question is about (`subject_law`) is decided here too, from the same words: a shop
lease is 상가건물 임대차보호법, 전세사기 the special act, a sale or a rent-arrears termination the
민법 where the housing act has no rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from agents.domain.law_names import law_named_in
from agents.domain.particles import STATUTE_PARTICLES, strip_particle

HOUSING = "주택임대차보호법"
COMMERCIAL = "상가건물임대차보호법"
CIVIL = "민법"
BROKERS = "공인중개사법"
REPORTING = "부동산거래신고등에관한법률"
FRAUD = "전세사기피해자지원및주거안정에관한특별법"

# Businesses people name instead of "가게" or "상가": each makes the question a shop-lease question.
BUSINESS_PREMISES = (
    "분식집", "음식점", "술집", "주점", "호프집", "치킨집", "빵집", "꽃집", "횟집", "고깃집", "미용실", "네일샵",
    "편의점", "학원", "헬스장", "공방", "옷가게", "약국", "사업장", "영업장", "프랜차이즈",
    "임차상인", "폐업", "개업",
)  # fmt: skip

# A building that is part shop, part home: a question about living in it is the housing act's
# (제2조: 일부가 주거 외의 목적으로 사용되는 경우에도), though it names 상가 or 가게.
MIXED_USE_WORDS = (
    "상가주택", "상가겸주택", "상가겸용", "점포겸주택", "점포겸용", "주택겸용", "겸용주택", "주상복합", "가게딸린집",
    "가게딸린주택", "점포딸린집", "살림집", "가게위층", "가게윗층", "상가위층", "상가윗층", "1층가게", "1층은가게",
    "아래층가게", "mixed-use", "mixeduse", "aboveashop", "abovetheshop", "abovemyshop", "aboveastore",
    "abovethestore", "aboveacafe", "abovearestaurant", "shopdownstairs", "storedownstairs", "shopbelow",
    "storebelow", "shoponthegroundfloor", "storeonthegroundfloor", "partshop", "partlyashop", "livingquarters",
)  # fmt: skip

# Everyday phrase → statute words. A key is found in the question with spaces, particles and verb
# endings removed; "A+B" means both parts appear, in any order ("월세 두 달 밀리면" → 월세+밀리).
THESAURUS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # a term of the contract that takes a tenant's right away (포기 특약, 불리한 조항): the act voids it
    ("특약+불리", ("불리한 약정",)),
    ("조항+불리", ("불리한 약정",)),
    ("특약+무효", ("불리한 약정",)),
    ("조항+무효", ("불리한 약정",)),
    ("포기+특약", ("불리한 약정",)),
    ("포기+조항", ("불리한 약정",)),
    ("포기한다고", ("불리한 약정",)),
    ("포기하기로", ("불리한 약정",)),
    # a term by which the tenant agrees not to use a right the act gives (행사하지 않기로 한다)
    ("행사하지않기로", ("불리한 약정",)),
    ("행사안하기로", ("불리한 약정",)),
    ("요구하지않기로", ("불리한 약정",)),
    ("청구하지않기로", ("불리한 약정",)),
    # not telling the other side what the law says one must tell (수리가 필요한 하자): the notice duty
    ("안알렸", ("통지",)),
    ("안알린", ("통지",)),
    ("알리지않", ("통지",)),
    # not telling the landlord of something needing repair (말 안 했): not of a sublet, where it is consent
    *(
        (f"{fault}+{untold}", ("통지",))
        for fault in ("물새~", "물이새~", "누수", "고장", "곰팡", "망가", "수리")
        for untold in ("말안하", "말안했", "말을안하", "말을안했", "얘기안하", "얘기안했")
    ),
    ("알려주지않", ("통지",)),
    ("말을안해", ("통지",)),
    # contesting a decision made against one (피해자 불인정, 조정 결과): the objection the acts provide
    ("불복", ("이의신청",)),
    ("이의제기", ("이의신청",)),
    ("이의를제기", ("이의신청",)),
    ("재심사", ("이의신청",)),
    ("다시심사", ("이의신청",)),
    # a decision not in one's favour (불인정, 탈락) and a wish to fight it again
    *(
        (f"{refused}+{again}", ("이의신청",))
        for refused in ("불인정", "인정안", "인정못", "탈락", "부결", "기각")
        for again in ("다시", "다투~", "뒤집", "억울")
    ),
    # a victims' decision that went against one (떨어졌어요, 반려됐어요) asked again: the objection
    *(
        (f"{decision}+{refused}+{again}", ("이의신청",))
        for decision in ("피해자", "결정", "심사", "인정")
        for refused in ("떨어지~", "거절당", "거부당", "반려", "안나왔", "못받았")
        for again in ("다시", "재신청", "다투~", "뒤집", "억울", "한번더")
    ),
    # a share of a lost deposit the state makes good (나라에서 보장해준다던데): the minimum guarantee
    *(
        (f"{state}+{guarantees}", ("최소보장", "최소지원금"))
        for state in ("나라에서", "나라가", "국가에서", "국가가", "정부에서", "정부가", "나라돈")
        for guarantees in ("보장", "보전", "메꿔", "메워", "채워", "보상")
    ),
    # the landlord's death (not the tenant's): his heirs step into the landlord's place
    *(
        (f"{landlord}+{died}", ("임대인의 지위", "상속"))
        for landlord in ("집주인", "임대인", "건물주", "주인아저씨", "주인할머니", "주인할아버지")
        for died in ("돌아가", "사망", "세상을떠")
    ),
    # the parties
    ("집주인", ("임대인",)),
    ("주인", ("임대인",)),
    ("건물주", ("임대인", "상가건물")),
    ("임대사업자", ("임대인",)),
    ("세입자", ("임차인",)),
    ("세입", ("임차인",)),
    ("세든", ("임차인",)),
    ("세들", ("임차인",)),
    ("전세살", ("임차인",)),
    ("월세살", ("임차인",)),
    ("전세사는", ("임차인",)),
    ("월세사는", ("임차인",)),
    ("세사는", ("임차인",)),
    ("새주인", ("양수인", "임대인의 지위")),
    ("새집주인", ("양수인", "임대인의 지위")),
    ("주인이바뀌", ("양수인", "임대인의 지위")),
    ("주인바뀌", ("양수인", "임대인의 지위")),
    ("집을팔", ("양수인", "임대인의 지위")),
    ("집팔", ("양수인", "임대인의 지위")),
    ("매각", ("양수인",)),
    ("부동산사장", ("개업공인중개사",)),
    # the agent named as people call him (부동산 아저씨, 중개업자): the licensed agent
    *(
        (agent, ("개업공인중개사",))
        for agent in (
            "부동산아저씨",
            "부동산아줌마",
            "부동산사장님",
            "중개업자",
            "중개업소",
            "중개사무소",
            "부동산업자",
        )
    ),
    # someone at the agency who is no licensed agent (실장님, 보조원, 팀장): the broker's assistant
    *(
        (f"{agency}+{aide}", ("중개보조원",))
        for agency in ("부동산", "중개")
        for aide in ("실장", "보조원", "팀장", "직원", "알바")
    ),
    # showing the home is the assistant's work (현장안내)
    *(
        (f"{thing}+{shown}", ("현장안내",))
        for thing in ("집", "방", "매물", "현장")
        for shown in ("보여주~", "구경시켜", "안내해")
    ),
    # the agent buying the listed home (or letting his own) is a deal with the client: forbidden
    *(
        (f"{agent}+{buys}", ("직접 거래", "금지"))
        for agent in ("부동산사장", "중개사", "중개인", "부동산에서", "부동산이")
        for buys in (
            "직접사겠",
            "직접사려",
            "직접산다",
            "직접매수",
            "자기가사겠",
            "자기가산다",
            "본인이사겠",
            "본인이산다",
        )
    ),
    # …said with other words between (자기가 직접 그 집을 사겠다는데, 본인이 그 매물 산대요)
    *(
        (f"{agent}+{himself}+{buys}", ("직접 거래", "금지"))
        for agent in ("부동산사장", "부동산아저씨", "중개사", "중개인", "중개업자", "부동산에서", "부동산이")
        for himself in ("직접", "자기가", "본인이", "자기이름", "본인명의", "자기명의")
        for buys in ("사겠", "산대", "산다", "사려", "사고싶", "매수하", "사들", "살게", "사버")
    ),
    # the agent selling the client his own home is the same forbidden deal with the client
    *(
        (f"{agent}+{own}", ("직접 거래", "금지"))
        for agent in ("부동산사장", "중개사", "중개인", "부동산에서", "부동산이")
        for own in ("자기집을", "자기집팔", "본인집을", "본인집팔", "자기소유", "본인소유", "자기명의")
    ),
    ("부동산중개인", ("개업공인중개사",)),
    ("중개인", ("개업공인중개사",)),
    ("중개사", ("개업공인중개사",)),
    ("복덕방", ("개업공인중개사",)),
    # a building that is part shop, part home (상가주택, 1층 가게 2층 집): the housing act covers the
    # home even when part of it is used otherwise (주택임대차보호법 제2조)
    *((mixed, ("주거용 건물", "주거 외의 목적")) for mixed in MIXED_USE_WORDS),
    # the thing let
    ("가게", ("상가건물",)),
    ("점포", ("상가건물",)),
    ("매장", ("상가건물",)),
    ("상가", ("상가건물",)),
    ("식당", ("상가건물",)),
    ("카페", ("상가건물",)),
    ("사무실", ("상가건물",)),
    ("장사", ("상가건물", "영업")),
    # kinds of business premises people name instead of "상가" (a meaning group, not a cue list)
    *((kind, ("상가건물", "영업")) for kind in BUSINESS_PREMISES),
    ("자영업", ("상가건물", "영업")),
    ("한달살기", ("일시사용",)),
    ("단기임대", ("일시사용",)),
    ("단기숙소", ("일시사용",)),
    ("잠깐", ("일시사용",)),
    ("원룸", ("주택",)),
    ("빌라", ("주택",)),
    ("오피스텔", ("주거용",)),
    # money
    ("월세", ("차임",)),
    ("임대료", ("차임",)),
    ("렌트비", ("차임",)),
    ("관리비", ("관리비",)),
    ("전세금", ("보증금",)),
    ("전세보증금", ("보증금",)),
    ("보증금", ("보증금",)),
    ("돈을못받", ("보증금", "반환")),
    ("돈없", ("보증금", "반환")),
    ("돈이없", ("보증금", "반환")),
    ("돌려받", ("보증금", "반환")),
    ("돌려주~", ("보증금", "반환")),
    ("안돌려", ("보증금", "반환")),
    ("못돌려", ("보증금", "반환", "임차권등기명령")),
    ("못받", ("반환", "임차권등기명령")),
    ("안주", ("반환",)),
    ("떼이", ("보증금", "반환")),
    ("떼일", ("보증금", "반환")),
    ("날리", ("보증금",)),
    ("월세+밀리~", ("차임", "연체")),
    ("월세+안내~", ("차임", "연체")),
    ("월세+못내~", ("차임", "연체")),
    ("임대료+밀리~", ("차임", "연체")),
    ("밀리~", ("연체",)),
    ("연체", ("연체",)),
    ("체납", ("체납",)),
    # the landlord's taxes collected before the deposit: of the loaded statutes only the fraud act's
    # apportionment (안분) speaks to it
    *(
        (f"{tax}+{first}", ("체납", "안분"))
        for tax in ("세금", "국세", "지방세", "체납")
        for first in ("보증금보다먼저", "전세금보다먼저", "먼저가져가", "먼저떼")
    ),
    ("올려달", ("증액",)),
    # raising money owed (올리다 is also posting a listing: 매물 올린)
    *(
        (f"{money}+올리~", ("증액",))
        for money in ("월세", "보증금", "전세금", "임대료", "차임", "세를", "가격", "%")
    ),
    ("더올려", ("증액",)),
    ("많이올려", ("증액",)),
    ("상한+올리~", ("증액",)),  # raised past the legal cap
    ("한도+올리~", ("증액",)),
    ("인상", ("증액",)),
    # the 5% rule named by its figure ("5프로 제한 있나요", "5%룰"): the cap on a raise
    *(
        (f"{five}+{rule}", ("증액", "한도"))
        for five in ("5%", "5프로", "5퍼", "오프로")
        for rule in ("제한", "상한", "룰", "넘게", "이상")
    ),
    ("깎", ("감액",)),
    ("낮추~", ("감액",)),
    ("덜내", ("감액",)),
    ("내려달", ("감액",)),
    ("인하", ("감액",)),
    ("월세로바꾸", ("월차임 전환", "산정률")),
    ("월세로돌리", ("월차임 전환", "산정률")),
    ("월세전환", ("월차임 전환", "산정률")),
    ("전월세전환", ("월차임 전환", "산정률")),
    ("전환율", ("월차임 전환", "산정률")),
    ("복비", ("중개보수",)),
    # the land-permit scheme by its everyday short names (토허제, 토허구역)
    ("토허제", ("토지거래허가", "허가구역")),
    ("토허구역", ("토지거래허가", "허가구역")),
    ("토허", ("토지거래허가",)),
    ("허가구역", ("토지거래허가", "허가구역")),
    ("중개비", ("중개보수",)),
    # more than the law allows: over the cap (초과)
    ("더받", ("초과",)),
    ("더달라", ("초과",)),
    ("더내라", ("초과",)),
    ("넘게", ("초과",)),
    ("넘는건", ("초과",)),  # the part above the cap (5% 넘는 건 돌려받)
    ("넘는부분", ("초과",)),
    ("넘은부분", ("초과",)),
    ("넘은만큼", ("초과",)),
    ("초과분", ("초과",)),
    ("상한보다", ("초과",)),
    ("한도보다", ("초과",)),
    ("중개수수료", ("중개보수",)),
    ("부동산수수료", ("중개보수",)),
    ("수수료", ("중개보수",)),
    ("계약금", ("계약금",)),
    ("가계약금", ("계약금",)),
    ("위약금", ("위약금", "손해배상액의 예정")),
    ("배액", ("배액상환",)),
    ("두배", ("배액상환",)),
    ("권리금", ("권리금",)),
    ("바닥권리금", ("권리금",)),
    # what kind of answer is wanted: a cost, the papers to bring, the penalty
    ("돈드", ("수수료",)),
    ("돈들", ("수수료",)),
    ("비용", ("수수료",)),
    ("공짜", ("수수료",)),
    ("무료", ("수수료",)),
    ("챙겨", ("서류", "신분증")),
    ("준비물", ("서류", "신분증")),
    ("들고가", ("서류", "신분증")),
    ("가져가", ("서류", "신분증")),
    ("처벌", ("과태료", "벌금", "징역")),
    ("걸리면", ("과태료", "벌금", "징역")),
    ("벌금", ("과태료", "벌금", "징역")),
    ("과태료", ("과태료",)),
    # a tenant letting the home to someone else needs the landlord's consent (전대)
    ("세놓+집주인", ("전대",)),
    ("세주+집주인", ("전대",)),
    # …said with other forms of letting (세놔도, 세를 줘도, 방 하나 빌려줘도) beside the consent asked
    *(
        (f"{consent}+{lets}", ("전대", "동의"))
        for consent in ("허락", "몰래", "동의없이", "동의안", "말안하고", "모르게", "주인한테", "주인이")
        for lets in (
            "세놔",
            "세놓",
            "세를놓",
            "세를놔",
            "세줘",
            "세를줘",
            "세주",
            "세를주",
            "재임대",
            "빌려주~",
            "월세받",
        )
    ),
    # tenants who moved in before you are the senior (선순위) ones
    ("먼저+들어와+세입자", ("선순위",)),
    ("먼저+살고+세입자", ("선순위",)),
    ("먼저+입주+세입자", ("선순위",)),
    # a report forgotten or missed is a report not made (미신고), which carries its fine
    ("신고+깜빡", ("미신고", "과태료")),
    ("신고+까먹", ("미신고", "과태료")),
    ("신고+놓쳤", ("미신고", "과태료")),
    ("신고+안했", ("미신고", "과태료")),
    ("신고+못했", ("미신고", "과태료")),
    ("신고+기한+지났", ("미신고", "과태료")),
    ("불법", ("금지",)),
    # what a word means (a definition is asked, not a rule)
    ("뭐야", ("뜻",)),
    ("뭔가요", ("뜻",)),
    ("뭔지", ("뜻",)),
    ("무슨뜻", ("뜻",)),
    ("의미", ("뜻",)),
    ("개념", ("뜻",)),
    ("정의", ("뜻",)),
    ("이란", ("뜻",)),
    # whether a rule applies, and until when
    ("유효", ("효력",)),
    ("무효", ("효력",)),
    ("해당되", ("해당",)),
    ("해당하", ("해당",)),
    ("인가요", ("해당",)),
    ("대상이", ("해당",)),
    ("대상인", ("해당",)),
    ("언제까지", ("기한",)),
    ("몇달전까지", ("기한",)),
    ("몇개월전까지", ("기한",)),
    ("며칠전까지", ("기한",)),
    ("기한", ("기한",)),
    # moving out before the deposit is back: the registration order keeps the tenant's rights
    # keeping a deposit safe (보증금 지키려면, 안전하게): the move-in report and the fixed date that protect it
    ("보증금+지키~", ("대항력", "우선변제", "확정일자")),
    ("보증금+안전하", ("대항력", "우선변제", "확정일자")),
    ("보증금+보호받", ("대항력", "우선변제", "확정일자")),
    ("보증금+이사가", ("임차권등기명령",)),
    ("보증금+나가야", ("임차권등기명령",)),
    # the deposit not back and a move that cannot wait: the registration order keeps the rights
    *(
        (f"{money}+{move}", ("임차권등기명령",))
        for money in ("보증금", "전세금")
        for move in ("이사해야", "이사는해야", "이사를해야", "이사가야", "옮겨야")
    ),
    ("권리+잃", ("임차권등기명령",)),
    # moving out loses the rights the move-in gave, unless the lease is registered first
    ("대항력+없어지~", ("임차권등기명령", "대항력")),
    ("대항력+잃", ("임차권등기명령", "대항력")),
    ("대항력+유지", ("임차권등기명령", "대항력")),
    ("순위+날아가~", ("임차권등기명령", "우선변제")),
    ("순위+잃", ("임차권등기명령", "우선변제")),
    ("우선변제+잃", ("임차권등기명령", "우선변제")),
    ("전입+빼~", ("임차권등기명령", "주민등록")),
    ("전입옮기~", ("임차권등기명령", "주민등록")),
    ("전입신고옮기~", ("임차권등기명령", "주민등록")),
    ("주소옮기~", ("임차권등기명령", "주민등록")),
    ("보증금+이사해야", ("임차권등기명령",)),
    ("보증금+이사를가", ("임차권등기명령",)),
    # the landlord cannot be reached and the deposit is not back: the registration order needs no consent
    *(
        (f"{money}+{gone}", ("임차권등기명령", "반환"))
        for money in ("보증금", "전세금")
        for gone in (
            "잠수",
            "잠적",
            "연락두절",
            "연락이안",
            "연락안",
            "연락을안",
            "연락도안",
            "연락이끊",
            "연락끊",
            "연락이없",
            "연락없",
        )
    ),
    # time
    ("계약기간", ("임대차기간",)),
    ("기간", ("임대차기간",)),
    ("몇년", ("임대차기간",)),
    # acts and events
    ("계약끝", ("임대차가 끝난", "종료")),
    ("계약이끝", ("임대차가 끝난", "종료")),
    ("만기", ("기간이 끝난", "종료")),
    ("만료", ("기간이 끝난", "종료")),
    ("이사", ("이사",)),
    ("중도해지", ("해지",)),
    # the tenant wants or has to leave before the term ends: termination (해지)
    ("나가고싶", ("해지",)),
    ("나가려", ("해지",)),
    ("나가겠", ("해지",)),
    ("나갈수", ("해지",)),
    ("먼저나가~", ("해지",)),
    ("나간다", ("해지",)),
    ("중간에나가~", ("해지",)),
    ("이사가고싶", ("해지",)),
    ("이사가려", ("해지",)),
    ("이사가야", ("해지",)),
    ("발령", ("해지",)),
    ("전근", ("해지",)),
    ("취업", ("해지",)),
    ("계약해지", ("해지",)),
    ("해지", ("해지",)),
    ("해약", ("해제", "해지")),
    ("계약파기", ("해제",)),
    ("계약을깨", ("해제",)),
    ("계약깨", ("해제",)),
    ("파기", ("해제",)),
    ("취소", ("해제",)),
    ("내보내", ("해지", "갱신거절")),
    ("쫓겨", ("해지", "갱신거절")),
    ("쫓아", ("해지", "갱신거절")),
    ("나가라", ("해지", "갱신거절")),
    ("갱신요구권", ("계약갱신", "갱신요구")),
    ("갱신청구권", ("계약갱신", "갱신요구")),
    ("갱신권", ("계약갱신", "갱신요구")),
    ("연장권", ("계약갱신", "갱신요구")),
    ("계약갱신청구", ("계약갱신", "갱신요구")),
    ("연장", ("계약갱신",)),
    ("재계약", ("계약갱신",)),
    ("더살", ("계약갱신",)),
    ("묵시적갱신", ("묵시적 갱신", "계약의 갱신")),
    ("자동연장", ("계약의 갱신", "묵시적 갱신")),
    ("묵시+연장", ("계약의 갱신", "묵시적 갱신")),  # 묵시로 연장됐는데, 묵시적으로 연장
    ("묵시+갱신", ("계약의 갱신", "묵시적 갱신")),
    ("자동갱신", ("계약의 갱신", "묵시적 갱신")),
    ("아무말", ("계약의 갱신", "갱신거절의 통지")),
    ("실거주", ("실제 거주",)),
    ("직접들어와", ("실제 거주",)),
    ("들어와산", ("실제 거주",)),
    ("들어와살", ("실제 거주",)),
    ("들어와서살", ("실제 거주",)),  # 집주인이 본인이 들어와서 살 거래요: the owner's own occupation
    ("직접살", ("실제 거주",)),
    ("본인이살", ("실제 거주",)),
    ("자기가살", ("실제 거주",)),
    ("고장", ("수선",)),
    ("수리", ("수선",)),
    ("고치~", ("수선",)),
    ("터졌", ("수선",)),
    ("앞에들어온", ("선순위",)),
    ("먼저들어온", ("선순위",)),
    ("앞세입자", ("선순위",)),
    ("안알려", ("보여",)),
    ("알려줘야", ("보여",)),
    ("이사가야", ("이사",)),
    ("이사해야", ("이사",)),
    ("보일러", ("수선",)),
    # things break: the landlord's repair duty (수선)
    ("물새~", ("수선",)),
    ("물이새~", ("수선",)),
    ("새는데", ("수선",)),
    ("곰팡", ("수선",)),
    ("결로", ("수선",)),
    ("망가", ("수선",)),
    ("먹통", ("수선",)),
    ("부서졌", ("수선",)),
    ("깨졌", ("수선",)),
    ("안나와", ("수선",)),
    ("교체", ("수선",)),
    ("막히~", ("수선",)),
    ("역류", ("수선",)),
    ("동파", ("수선",)),
    ("금이가", ("수선",)),
    ("파손", ("수선", "파손")),
    ("수리비", ("수선",)),
    ("누가고쳐", ("수선",)),
    # part of the home cannot be used (the rent falls with it)
    ("못쓰", ("멸실", "사용")),
    ("못써", ("멸실", "사용")),
    ("사용못", ("멸실", "사용")),
    ("쓸수없", ("멸실", "사용")),
    # a floor the state guarantees a defrauded tenant's deposit (최소지원금, 전세사기피해자법 제25조의9)
    ("최소한+보장", ("최소지원금",)),
    ("최소+보장", ("최소지원금",)),
    # told to leave: termination, refusal to renew, handing the home back
    ("방빼", ("해지", "갱신거절")),
    ("방을빼", ("해지", "갱신거절")),
    ("방비워", ("해지", "갱신거절")),
    ("비워달", ("해지", "갱신거절")),
    ("빼달", ("해지", "갱신거절")),
    # told to leave in reported speech (나가래요, 비우래요, 방 빼래)
    ("나가래", ("해지", "갱신거절")),
    ("비우래", ("해지", "갱신거절")),
    ("비우라", ("해지", "갱신거절")),
    ("빼래", ("해지", "갱신거절")),
    ("빼라", ("해지", "갱신거절")),
    # letting part of one's home to someone else
    ("다시빌려", ("전대",)),
    ("빌려줘도", ("전대",)),
    ("룸메", ("전대",)),
    ("보조원", ("중개보조원",)),
    ("누수", ("수선",)),
    ("곰팡이", ("수선",)),
    ("원상복구", ("원상회복",)),
    ("보증금에서빼~", ("원상회복",)),
    ("보증금에서까", ("원상회복",)),
    ("보증금에서제", ("원상회복",)),
    ("도배", ("원상회복",)),
    ("장판", ("원상회복",)),
    ("못자국", ("원상회복",)),
    ("흠집", ("원상회복",)),
    ("페인트", ("원상회복",)),
    ("원상복귀", ("원상회복",)),
    ("원래대로", ("원상회복",)),
    ("전입신고", ("주민등록", "대항력")),
    ("전입", ("주민등록",)),
    ("주소이전", ("주민등록",)),
    ("주소옮", ("주민등록",)),
    ("이사하고", ("주택의 인도",)),
    ("입주", ("주택의 인도",)),
    ("최우선", ("보증금 중 일정액", "우선변제")),  # 최우선변제, 최우선으로 얼마
    # how much is paid first out of an auction: the fixed sum ahead of everyone (최우선변제 금액)
    ("얼마+먼저받", ("보증금 중 일정액", "우선변제")),
    ("얼마+먼저돌려받", ("보증금 중 일정액", "우선변제")),
    ("얼마+먼저챙", ("보증금 중 일정액", "우선변제")),
    ("얼마+먼저보호", ("보증금 중 일정액", "우선변제")),
    ("얼마간+먼저", ("보증금 중 일정액", "우선변제")),
    # the small deposit's protected part said plainly (보호되는 금액, 보증금 적은 사람)
    ("보호되는금액", ("보증금 중 일정액",)),
    ("보호받는금액", ("보증금 중 일정액",)),
    ("보증금적은", ("보증금 중 일정액",)),
    ("적은보증금", ("보증금 중 일정액",)),
    # an auction where a bank's loan stands ahead and the tenant fears getting nothing: the fixed sum
    # paid ahead of mortgages is what the act gives
    *(
        (f"{sale}+{nothing}", ("보증금 중 일정액",))
        for sale in ("경매", "공매")
        for nothing in ("한푼도", "한푼")
    ),
    # work on the rented place paid out of the tenant's own pocket: the 민법's 필요비·유익비 상환
    *(
        (f"{own}+{work}", ("유익비", "상환"))
        for own in ("제돈", "내돈", "자비로", "사비로")
        for work in ("공사", "고쳤", "고친", "수리했", "설치했", "시공")
    ),
    ("소액임차인", ("보증금 중 일정액",)),
    ("소액보증금", ("보증금 중 일정액",)),
    ("우선변제권", ("우선변제",)),
    ("임차권등기", ("임차권등기명령",)),
    ("등기명령", ("임차권등기명령",)),
    ("전대", ("전대",)),
    ("재임대", ("전대",)),
    # letting a room of the rented home to someone else
    ("방을빌려주~", ("전대",)),
    ("작은방+빌려주~", ("전대",)),
    ("방하나+빌려주~", ("전대",)),
    ("방한칸+빌려주~", ("전대",)),
    # without the landlord's consent (동의)
    ("허락", ("동의",)),
    ("몰래", ("동의",)),
    ("말없이", ("동의",)),
    ("말안하", ("동의",)),
    ("말도안하", ("동의",)),
    ("동의없이", ("동의",)),
    # someone else does it for the person (대리인)
    ("대신받", ("대리인",)),
    ("대신가", ("대리인",)),
    ("대리", ("대리인",)),
    # a foreign buyer (외국인등)
    ("외국인", ("외국인",)),
    ("외국국적", ("외국인",)),
    ("국적", ("외국인",)),
    ("교포", ("외국인",)),
    # a contract paper corrected by hand, at the fixed-date office: a correction (정정), not a repair
    ("확정일자+고치~", ("정정",)),
    ("확정일자+수정~", ("정정",)),
    ("확정일자+수정테이프", ("정정",)),
    ("확정일자+지우~", ("정정",)),
    # the office will not give it (못 준대, 안 된대): refused
    ("확정일자+못준", ("거절",)),
    ("확정일자+안준", ("거절",)),
    ("확정일자+안해준", ("거절",)),
    ("확정일자+못해준", ("거절",)),
    ("확정일자+안된대", ("거절",)),
    # the area measured short of the contract's (수량을 지정한 매매의 목적물이 부족)
    ("측량", ("수량", "부족")),
    ("실측", ("수량", "부족")),
    ("면적+차이", ("수량", "부족")),
    ("면적+부족", ("수량", "부족")),
    ("면적+모자라~", ("수량", "부족")),
    ("평수+부족", ("수량", "부족")),
    ("평수+모자라~", ("수량", "부족")),
    # zones where a foreigner needs a permit before buying land (군사시설 보호구역 and the like)
    ("군사", ("군사시설", "보호구역")),
    ("보호구역", ("보호구역",)),
    # two different contract papers for one deal
    ("이중계약", ("둘 이상의 거래계약서",)),
    ("계약서+두장", ("둘 이상의 거래계약서",)),
    ("계약서+두개", ("둘 이상의 거래계약서",)),
    ("다운계약", ("둘 이상의 거래계약서", "거짓")),
    ("업계약", ("둘 이상의 거래계약서", "거짓")),
    # a second paper with a price lower or higher than the real one (다운계약 said the long way)
    ("실제보다+낮게", ("둘 이상의 거래계약서", "거짓")),
    ("실제보다+높게", ("둘 이상의 거래계약서", "거짓")),
    ("실거래가보다+낮게", ("둘 이상의 거래계약서", "거짓")),
    ("계약서+하나더", ("둘 이상의 거래계약서",)),
    # how long a procedure takes
    ("얼마나+걸리~", ("처리기간", "기간")),
    ("며칠+걸리~", ("처리기간", "기간")),
    ("결과+언제", ("처리기간", "기간")),
    ("결과+나오~", ("처리기간", "기간")),
    # a court sale's proceeds
    ("배당", ("우선변제", "경매")),
    ("낙찰", ("경매",)),
    # the term agreed is shorter than the law's minimum
    ("1년계약", ("임대차기간",)),
    ("1년짜리", ("임대차기간",)),
    ("다시세", ("전대",)),
    ("세를놓", ("전대",)),
    ("셰어", ("전대",)),
    ("양도", ("양도",)),
    ("상속", ("상속", "승계")),
    ("사망", ("사망", "승계")),
    ("돌아가시", ("사망", "승계")),
    ("돌아가셨", ("사망", "승계")),
    ("죽으", ("사망", "승계")),
    # dying said the everyday way, and the partner the act names (사실상의 혼인 관계에 있는 자)
    ("세상을떠나", ("사망", "승계")),
    ("세상을떠났", ("사망", "승계")),
    ("숨지", ("사망", "승계")),
    ("숨졌", ("사망", "승계")),
    ("사고로죽", ("사망", "승계")),
    ("사실혼", ("사실상의 혼인 관계", "가정공동생활")),
    ("동거인", ("사실상의 혼인 관계", "가정공동생활")),
    # a couple who never registered their marriage (혼인신고 안 한 사이) is the act's de facto partner
    *(
        (f"혼인신고{no}", ("사실상의 혼인 관계", "가정공동생활"))
        for no in ("x", "안", "는안", "도안", "를안", "없이", "안한", "하지않", "못한", "전인")
    ),
    ("가족", ("친족",)),  # the act's word for relatives who take over a lease (2촌 이내의 친족)
    ("같이살던", ("가정공동생활",)),
    ("함께살던", ("가정공동생활",)),
    ("경매", ("경매",)),
    ("공매", ("공매",)),
    # buying the auctioned home oneself ahead of bidders (우선매수), said the everyday way
    *(
        (f"{sale}+{first}", ("우선매수",))
        for sale in ("경매", "공매", "낙찰")
        for first in (
            "먼저살수있",
            "먼저사고싶",
            "먼저사겠",
            "먼저살권리",
            "먼저매수",
            "먼저낙찰",
            "우선권",
            # 우선해서 낙찰받는 (never 최우선으로, the small deposit's fixed sum)
            "우선해서낙찰",
            "우선적으로낙찰",
            "우선낙찰",
            "우선해서매수",
            "우선적으로매수",
            "우선해서살",
            "사버리~",  # 사버릴, 사버려, 사버렸: buying it oneself
        )
    ),
    # a landlord's tax debt split over all the homes he owns (안분), said the everyday way
    *(
        (f"{tax}+{split}", ("안분",))
        for tax in ("세금", "국세", "지방세", "체납")
        for split in ("나눠", "나누어", "나누", "분산")
    ),
    ("apportion", ("안분",)),
    # whether the lease itself ends with the auction (임차권의 소멸), not what the deposit gets
    *(
        (f"{sale}+{ends}", ("소멸",))
        for sale in ("경매", "낙찰", "경락")
        for ends in (
            "끝나는",
            "끝나나",
            "끝나요",
            "끝인가",
            "끝이야",
            "끝나버",
            "없어지~",
            "사라지~",
            "소멸",
            "효력잃",
        )
    ),
    ("실거래신고", ("부동산 거래의 신고",)),
    ("거래신고", ("부동산 거래의 신고",)),
    ("매매신고", ("부동산 거래의 신고",)),
    ("전월세신고", ("주택 임대차 계약의 신고",)),
    ("임대차신고", ("주택 임대차 계약의 신고",)),
    ("계약신고", ("신고",)),
    ("허위매물", ("표시ㆍ광고",)),
    ("미끼매물", ("표시ㆍ광고",)),
    ("광고", ("표시ㆍ광고",)),
    ("전세사기", ("전세사기피해자",)),
    ("깡통전세", ("전세사기피해자",)),
    ("사기", ("전세사기피해자",)),
    ("피해자", ("전세사기피해자",)),
    # a public body buying the home (공공주택사업자의 매입), said the everyday way
    ("사들이~", ("매입",)),
    ("사주~", ("매입",)),
    ("집을사", ("매매",)),
    ("집사", ("매매",)),
    ("매수", ("매매",)),
    ("매도", ("매매",)),
    ("매입", ("매매",)),
    ("구입", ("매매",)),
    ("집을팔", ("매매",)),
    ("하자", ("하자",)),
    # an auction stopped or put off (경매 멈춰, 매각기일 미뤄): the act's 경매 유예·정지
    ("경매+멈추~", ("정지",)),
    ("경매+중지", ("정지",)),
    ("경매+중단", ("정지",)),
    ("경매+미루~", ("유예",)),
    ("매각기일+미루~", ("유예",)),
    # something broken that the seller of a bought home is answerable for (하자담보책임)
    *(
        (f"{seller}+{fault}", ("하자",))
        for seller in (
            "매도인",
            "파는사람",
            "판사람",
            "전주인",
            "전집주인",
            "이전주인",
            "집사고",
            "집을사고",
            "집샀",
            "집을샀",
            "사서들어",
            "사서이사",
            "매수",
            "매입",
            "구입",
            "산집",
        )
        for fault in (
            "물새~",
            "물이새~",
            "누수",
            "곰팡",
            "결로",
            "균열",
            "금이가",
            "금간",
            "고장",
            "망가",
            "줄줄",
            "물이흐르",
            "물이흘러",
            "물이떨어",
            "빗물",
            "비가새~",
            "배관",
            "누전",
            "흰개미",
            "벌레",
        )
    ),
    ("결함", ("하자",)),
    # asking the landlord to buy what the tenant fitted (사가라, 사 달라): the 부속물 매수청구
    ("사가라", ("매수청구",)),
    ("사가래", ("매수청구",)),
    ("사달라", ("매수청구",)),
    ("사줘야", ("매수청구",)),
    ("사가야", ("매수청구",)),
    ("buy them from me", ("매수청구",)),
    ("buy it from me", ("매수청구",)),
    # found long after (1년 지나서 발견, 이제라도 책임): how long a claim may wait (제582조's 6월)
    ("지나~+발견", ("기간",)),
    ("이제라도+청구", ("기간",)),
    ("이제라도+책임", ("기간",)),
    ("확정일자", ("확정일자",)),
    ("분쟁", ("분쟁조정",)),
    ("조정", ("분쟁조정",)),
    ("계약서", ("계약서",)),
)

# English word (lower case) → statute words. Phrases are matched on the lower-cased text.
ENGLISH: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("committee", ("위원회",)),  # the bodies the acts set up, and what they do
    ("deliberation", ("심의",)),
    ("deliberate", ("심의",)),
    ("appeal", ("이의신청",)),
    ("challenge the decision", ("이의신청",)),
    ("contest the decision", ("이의신청",)),
    ("waive", ("불리한 약정",)),  # a clause giving up a tenant's right, and whether it binds
    ("give up my right", ("불리한 약정",)),
    ("enforceable", ("불리한 약정",)),
    ("unenforceable", ("불리한 약정",)),
    ("void", ("불리한 약정",)),
    ("invalid", ("불리한 약정",)),
    ("null and void", ("불리한 약정",)),
    ("landlord", ("임대인",)),
    ("owner", ("임대인",)),
    ("tenant", ("임차인",)),
    ("renter", ("임차인",)),
    ("lessee", ("임차인",)),
    ("lessor", ("임대인",)),
    ("new owner", ("양수인", "임대인의 지위")),
    ("sell the", ("양수인", "임대인의 지위")),
    ("shop", ("상가건물",)),
    ("store", ("상가건물",)),
    ("commercial", ("상가건물",)),
    ("restaurant", ("상가건물",)),
    ("cafe", ("상가건물",)),
    ("bar", ("상가건물", "영업")),
    ("pub", ("상가건물", "영업")),
    ("salon", ("상가건물", "영업")),
    ("premises", ("상가건물",)),
    # businesses and business leases named in English (a shop lease is the shop act's)
    ("café", ("상가건물",)),
    ("bakery", ("상가건물", "영업")),
    ("gym", ("상가건물", "영업")),
    ("clinic", ("상가건물", "영업")),
    ("retail", ("상가건물",)),
    ("storefront", ("상가건물",)),
    ("small business", ("상가건물", "영업")),
    ("office rent", ("상가건물",)),
    ("office lease", ("상가건물",)),
    ("our office", ("상가건물",)),
    ("office space", ("상가건물",)),
    ("my office", ("상가건물",)),
    ("an office", ("상가건물",)),
    ("report my lease", ("주택 임대차 계약의 신고",)),
    ("report the lease", ("주택 임대차 계약의 신고",)),
    ("passed away", ("사망", "승계")),
    ("common-law", ("사실상의 혼인 관계", "가정공동생활")),
    ("common law partner", ("사실상의 혼인 관계", "가정공동생활")),
    ("unmarried partner", ("사실상의 혼인 관계", "가정공동생활")),
    ("lived with", ("가정공동생활",)),
    ("death", ("사망", "승계")),
    ("business", ("상가건물", "영업")),
    # a business closed for good after the state's gathering restrictions (집합 제한 … 폐업)
    ("shutdown order", ("집합 제한", "폐업")),
    ("gathering ban", ("집합 제한",)),
    ("covid restrictions", ("집합 제한",)),
    ("closing for good", ("폐업",)),
    ("closed for good", ("폐업",)),
    ("close down", ("폐업",)),
    ("closed down", ("폐업",)),
    ("premium", ("권리금",)),
    ("key money", ("권리금",)),
    ("goodwill", ("권리금",)),
    ("deposit back", ("보증금", "반환")),
    ("return my deposit", ("보증금", "반환")),
    ("return the deposit", ("보증금", "반환")),
    ("get my deposit", ("보증금", "반환")),
    ("refund", ("반환",)),
    ("deposit", ("보증금",)),
    ("jeonse", ("전세", "보증금")),
    ("lease", ("임대차",)),
    ("rent", ("차임",)),
    ("raise", ("증액",)),
    ("increase", ("증액",)),
    ("hike", ("증액",)),
    ("more rent", ("증액",)),
    ("higher rent", ("증액",)),
    ("more deposit", ("증액",)),
    ("lower", ("감액",)),
    ("decrease", ("감액",)),
    ("behind on", ("차임", "연체")),
    ("late", ("연체",)),
    ("unpaid", ("연체",)),
    ("arrears", ("연체",)),
    ("miss", ("연체",)),
    ("missed", ("연체",)),
    ("renew", ("계약갱신", "갱신요구")),
    ("renewal", ("계약갱신", "갱신요구")),
    ("extend", ("계약갱신",)),
    ("extension", ("계약갱신",)),
    ("automatically", ("묵시적 갱신", "계약의 갱신")),
    ("on its own", ("묵시적 갱신", "계약의 갱신")),
    ("auto-renew", ("묵시적 갱신", "계약의 갱신")),
    ("auto renew", ("묵시적 갱신", "계약의 갱신")),
    ("tacit", ("묵시적 갱신", "계약의 갱신")),
    # the owner or his family moving in (실제 거주); the tenant's own "I live there", "did the move-in
    # report" is no owner's occupation
    ("will move in", ("실제 거주",)),
    ("wants to move in", ("실제 거주",)),
    ("want to move in", ("실제 거주",)),
    ("going to move in", ("실제 거주",)),
    ("plans to move in", ("실제 거주",)),
    ("'d move in", ("실제 거주",)),
    ("would move in", ("실제 거주",)),
    ("to live there", ("실제 거주",)),
    ("will live there", ("실제 거주",)),
    ("'ll live there", ("실제 거주",)),
    ("'d live there", ("실제 거주",)),
    ("would live there", ("실제 거주",)),
    ("actually live there", ("실제 거주",)),
    ("live in it himself", ("실제 거주",)),
    ("live in it herself", ("실제 거주",)),
    ("moving in himself", ("실제 거주",)),
    ("moving in herself", ("실제 거주",)),
    ("live there himself", ("실제 거주",)),
    ("live there herself", ("실제 거주",)),
    ("move in himself", ("실제 거주",)),
    ("move in herself", ("실제 거주",)),
    ("buy it himself", ("직접 거래", "금지")),
    # a tenant buying the auctioned home first (우선매수)
    ("priority to buy", ("우선매수",)),
    ("right to buy it", ("우선매수",)),
    ("first right to buy", ("우선매수",)),
    ("right of first refusal", ("우선매수",)),
    ("buy it myself", ("우선매수",)),
    ("bid on it myself", ("우선매수",)),
    ("buy it herself", ("직접 거래", "금지")),
    ("escrow", ("예치",)),
    ("taxes come before my deposit", ("체납", "안분")),
    ("taxes ahead of my deposit", ("체납", "안분")),
    ("taxes before my deposit", ("체납", "안분")),
    ("his own apartment", ("직접 거래", "금지")),
    ("her own apartment", ("직접 거래", "금지")),
    ("his own flat", ("직접 거래", "금지")),
    ("her own flat", ("직접 거래", "금지")),
    ("leave early", ("해지",)),
    ("leave before", ("해지",)),
    ("move out early", ("해지",)),
    ("get a job", ("해지",)),
    ("got a job", ("해지",)),
    ("transfer", ("해지",)),
    ("without asking", ("동의", "무단")),
    ("without permission", ("동의", "무단")),
    ("without consent", ("동의", "무단")),
    ("without telling", ("동의", "무단")),
    ("let a friend", ("전대",)),
    ("split the rent", ("전대",)),
    ("roommate", ("전대",)),
    ("stop me", ("방해",)),
    ("prevent me", ("방해",)),
    ("block me", ("방해",)),
    ("next tenant", ("신규임차인",)),
    ("new tenant", ("신규임차인",)),
    ("more than", ("초과",)),
    ("overcharge", ("초과", "중개보수")),
    ("charge me", ("중개보수",)),
    # a broker's fee said with a pronoun ("the broker wants 1.2% as his fee")
    ("as his fee", ("중개보수",)),
    ("as her fee", ("중개보수",)),
    ("his commission", ("중개보수",)),
    # the building's running costs charged to the tenant, and a list of what they cover (관리비 내역)
    ("management fee", ("관리비",)),
    ("maintenance fee", ("관리비",)),
    ("maintenance charge", ("관리비",)),
    ("breakdown", ("내역",)),
    ("itemized", ("내역",)),
    ("what it covers", ("내역",)),
    # calling off a sale the other side has not performed (해제)
    ("call off", ("해제",)),
    ("legal fee", ("중개보수",)),
    ("didn't pay", ("이행지체",)),
    ("did not pay", ("이행지체",)),
    ("not paid", ("이행지체",)),
    ("stall", ("이행지체",)),
    ("delay", ("이행지체",)),
    ("original state", ("원상회복",)),
    ("as it was", ("원상회복",)),
    ("wear and tear", ("원상회복",)),
    ("evict", ("해지", "갱신거절")),
    ("kick me out", ("해지", "갱신거절")),
    ("terminate", ("해지",)),
    ("break the lease", ("해지",)),
    ("end the lease", ("해지",)),
    ("early", ("해지",)),
    ("cancel", ("해제",)),
    ("back out", ("해제",)),
    ("down payment", ("계약금",)),
    ("the balance", ("잔금",)),
    ("final payment", ("잔금",)),
    ("remaining payment", ("잔금",)),
    ("earnest money", ("계약금",)),
    ("penalty", ("위약금", "손해배상액의 예정")),
    ("repair", ("수선",)),
    ("repairs", ("수선",)),
    ("fix", ("수선",)),
    ("mold", ("수선",)),
    ("mould", ("수선",)),
    ("not working", ("수선",)),
    ("doesn't work", ("수선",)),
    ("give back", ("반환",)),
    ("pay back", ("반환",)),
    ("give me back", ("반환",)),
    ("get back", ("반환",)),
    ("no money to return", ("보증금", "반환")),
    ("go up", ("증액",)),
    ("asked me to leave", ("해지", "갱신거절")),
    ("told me to leave", ("해지", "갱신거절")),
    ("wants me out", ("해지", "갱신거절")),
    ("stay longer", ("계약갱신",)),
    ("stay another", ("계약갱신",)),
    # wear a tenant leaves behind, charged against the deposit on leaving: restoring the home (원상회복)
    ("scratch", ("원상회복",)),
    ("wear and tear", ("원상회복",)),
    ("holes in the wall", ("원상회복",)),
    ("nail holes", ("원상회복",)),
    ("stains on the", ("원상회복",)),
    ("cleaning fee", ("원상회복",)),
    # a landlord's unpaid taxes, which he must show a tenant before signing (납세증명서)
    ("unpaid tax", ("체납", "납세증명서")),
    ("back tax", ("체납", "납세증명서")),
    ("tax arrears", ("체납", "납세증명서")),
    ("owes tax", ("체납", "납세증명서")),
    ("owe tax", ("체납", "납세증명서")),
    ("delinquent tax", ("체납", "납세증명서")),
    ("tax certificate", ("납세증명서",)),
    ("foreclosure", ("경매",)),
    ("foreclose", ("경매",)),
    ("creditors", ("우선변제",)),
    ("before the bank", ("우선변제",)),
    ("ahead of the bank", ("우선변제",)),
    ("ahead of the mortgage", ("우선변제",)),
    ("ahead of the lender", ("우선변제",)),
    ("first in line", ("우선변제",)),
    ("few weeks", ("일시사용",)),
    ("a week", ("일시사용",)),
    ("two weeks", ("일시사용",)),
    ("three weeks", ("일시사용",)),
    ("legal limit", ("초과", "한도")),  # of rent or of a fee: the words beside it say which
    ("higher than", ("초과",)),
    ("walk away", ("해제",)),
    ("closing", ("잔금",)),
    ("hidden defect", ("하자",)),
    ("foreigner", ("외국인",)),
    ("foreign national", ("외국인",)),
    ("foreign citizen", ("외국인",)),
    ("non-korean", ("외국인",)),
    ("us citizen", ("외국인",)),
    ("american citizen", ("외국인",)),
    ("korean-american", ("외국인",)),
    ("us passport", ("외국인",)),
    ("foreign passport", ("외국인",)),
    ("survey", ("수량", "부족")),
    ("smaller than the contract", ("수량", "부족")),
    ("smaller than stated", ("수량", "부족")),
    ("military", ("군사시설", "보호구역")),
    ("protection zone", ("보호구역",)),
    ("protected zone", ("보호구역",)),
    ("protection area", ("보호구역",)),
    ("citizen of another country", ("외국인",)),
    ("left me", ("상속",)),
    ("on my behalf", ("대리인",)),
    ("for me", ("대리인",)),
    ("date stamp", ("확정일자",)),
    # whose a bought home is before the transfer is registered (등기)
    ("title", ("등기",)),
    ("registered in my name", ("등기", "소유권")),
    ("in my name", ("등기",)),
    ("ownership", ("소유권",)),
    ("legally own", ("소유권",)),
    ("legally mine", ("소유권",)),
    ("own it", ("소유권",)),
    ("repaint", ("원상회복",)),
    ("paint", ("원상회복",)),
    ("wallpaper", ("원상회복",)),
    ("how many months", ("기간",)),
    ("notice", ("통지",)),
    ("give notice", ("해지", "통지")),
    ("how much notice", ("해지", "통지")),
    ("notice to move out", ("해지", "통지")),
    ("who has to", ("의무",)),
    ("who pays", ("비용",)),
    # whose burden a repair or a cost is, asked the everyday way
    ("who actually pays", ("비용",)),
    ("who should pay", ("비용",)),
    ("who has to pay", ("비용", "의무")),
    ("who is responsible", ("의무",)),
    ("who's responsible", ("의무",)),
    ("whose responsibility", ("의무",)),
    ("responsible for fixing", ("수선", "의무")),
    ("responsible for repairs", ("수선", "의무")),
    ("my problem", ("의무",)),
    ("tenant's job", ("의무",)),
    ("tenant's responsibility", ("의무",)),
    ("my responsibility", ("의무",)),
    ("counseling", ("상담",)),
    ("counselling", ("상담",)),
    ("legal advice", ("상담",)),
    ("consultation", ("상담",)),
    ("support center", ("전세피해지원센터", "상담")),
    ("public center", ("전세피해지원센터", "상담")),
    ("broken", ("수선",)),
    ("boiler", ("수선",)),
    # things in the home that stop working (the landlord's repair duty)
    ("stopped working", ("수선",)),
    ("stop working", ("수선",)),
    ("broke down", ("수선",)),
    ("break down", ("수선",)),
    ("out of order", ("수선",)),
    ("heating", ("수선",)),
    ("heater", ("수선",)),
    ("hot water", ("수선",)),
    ("burst", ("수선",)),
    ("plumbing", ("수선",)),
    ("air conditioner", ("수선",)),
    ("leak", ("수선",)),
    ("restore", ("원상회복",)),
    ("original condition", ("원상회복",)),
    ("move-in report", ("주민등록", "대항력")),
    ("moving-in report", ("주민등록", "대항력")),
    ("resident registration", ("주민등록", "대항력")),
    ("register my address", ("주민등록", "대항력")),
    ("address", ("주민등록",)),
    ("registration", ("주민등록", "확정일자")),
    ("fixed date", ("확정일자",)),
    # a contract price reported lower or higher than the one paid (다운계약, 업계약) said in English
    *(
        (phrase, ("둘 이상의 거래계약서", "거짓"))
        for phrase in (
            "down contract",
            "down-contract",
            "downcontract",
            "up contract",
            "up-contract",
            "underreport",
            "under-report",
            "under report",
            "write a lower",
            "write a higher",
            "write down a lower",
            "put a lower",
            "put down a lower",
            "report a lower",
            "report a higher",
            "declare a lower",
            "lower price in the contract",
            "lower price on the contract",
            "lower price than we paid",
            "lower price than the real",
            "lower price than the actual",
            "lower than the real price",
            "lower than the actual price",
            "lower than what we paid",
        )
    ),
    ("hwakjeong", ("확정일자",)),  # 확정일자 romanised
    ("fixed-date", ("확정일자",)),
    # the lease signed on the ministry's online system (부동산 전자계약)
    ("e-contract", ("전자계약",)),
    ("econtract", ("전자계약",)),
    ("electronic contract", ("전자계약",)),
    ("electronic lease", ("전자계약",)),
    ("online contract", ("전자계약",)),
    ("contract online", ("전자계약",)),
    ("signed online", ("전자계약",)),
    # what to bring in person: the papers and an ID (외국인등록증, 여권)
    ("need to bring", ("서류", "신분증")),
    ("what to bring", ("서류", "신분증")),
    ("have to bring", ("서류", "신분증")),
    ("passport", ("신분증",)),
    ("arc", ("신분증",)),
    ("alien registration", ("신분증",)),
    ("residence card", ("신분증",)),
    ("korean id", ("신분증",)),
    ("confirmed date", ("확정일자",)),
    ("priority", ("우선변제",)),
    ("small deposit", ("보증금 중 일정액",)),
    ("deposit is small", ("보증금 중 일정액",)),
    ("top-priority", ("보증금 중 일정액", "우선변제")),
    ("top priority", ("보증금 중 일정액", "우선변제")),
    ("paid first", ("우선변제",)),
    ("metropolitan city", ("광역시",)),
    ("rural", ("그 밖의 지역",)),
    ("countryside", ("그 밖의 지역",)),
    ("in seoul", ("서울특별시",)),
    ("small-sum", ("보증금 중 일정액",)),
    ("opposing power", ("대항력",)),
    ("opposability", ("대항력",)),
    ("third parties", ("대항력",)),
    ("registration order", ("임차권등기명령",)),
    ("leasehold registration", ("임차권등기명령",)),
    ("sublet", ("전대",)),
    ("sublease", ("전대",)),
    ("inherit", ("상속", "승계")),
    ("dies", ("사망", "승계")),
    ("died", ("사망", "승계")),
    ("auction", ("경매",)),
    ("commission", ("중개보수",)),
    ("brokerage fee", ("중개보수",)),
    ("broker fee", ("중개보수",)),
    ("agent fee", ("중개보수",)),
    ("agent's fee", ("중개보수",)),
    ("agent his fee", ("중개보수",)),
    ("realtor fee", ("중개보수",)),
    ("realtor's fee", ("중개보수",)),
    ("broker's fee", ("중개보수",)),
    ("realtor", ("개업공인중개사",)),
    ("broker", ("개업공인중개사",)),
    ("agent", ("개업공인중개사",)),
    ("report", ("신고",)),
    ("sale", ("매매",)),
    ("purchase", ("매매",)),
    ("buy", ("매매",)),
    ("sell", ("매매",)),
    ("fraud", ("전세사기피해자",)),
    ("scam", ("전세사기피해자",)),
    ("victim", ("전세사기피해자",)),
    ("short-term", ("일시사용",)),
    ("temporary", ("일시사용",)),
    ("one month", ("일시사용",)),
    ("short-stay", ("일시사용",)),
    ("short stay", ("일시사용",)),
    ("two-month", ("일시사용",)),
    ("cap", ("증액", "한도")),
    ("legal cap", ("증액", "한도")),
    ("move to another", ("이사",)),
    ("keep my rights", ("임차권등기명령",)),
    ("count as", ("해당", "뜻")),
    ("what is", ("뜻",)),
    ("what exactly", ("뜻",)),
    ("meaning", ("뜻",)),
    ("definition", ("뜻",)),
    ("what does", ("뜻",)),
    ("qualify", ("해당",)),
    ("deadline", ("기한",)),
    ("valid", ("효력",)),
    ("conversion", ("월차임 전환", "산정률")),
    ("convert", ("월차임 전환", "산정률")),
    ("defect", ("하자",)),
    # what an agent must check and explain, and the written statement handed over (확인ㆍ설명서)
    ("explain", ("확인ㆍ설명",)),
    ("explanation", ("확인ㆍ설명",)),
    ("in writing", ("서면",)),
    ("written explanation", ("확인ㆍ설명", "서면")),
    ("how long", ("기간",)),
    ("how long do i have", ("기한",)),  # a time left to act, not how long something lasts
    ("by when", ("기한",)),
    ("time limit", ("기한",)),
    # help a recognised victim applies for (지원의 신청)
    ("apply for support", ("지원", "신청")),
    ("apply for help", ("지원", "신청")),
    ("apply for assistance", ("지원", "신청")),
    ("support measures", ("지원",)),
    ("term", ("기간",)),
    ("minimum", ("기간",)),
    ("dispute", ("분쟁조정",)),
    ("mediation", ("분쟁조정",)),
    # an agent who lied or misled (중개사가 거짓말했어: 거짓된 언행), said the ways people say it
    *(
        (phrase, ("거짓말", "거짓"))
        for phrase in (
            "lie",
            "lying",
            "misled",
            "mislead",
            "deceive",
            "untrue",
            "not true",
            "false information",
            "trick",
        )
    ),
    # an agent who kept something back (설명 안 해줬어: the duty to explain)
    *(
        (phrase, ("설명", "확인ㆍ설명"))
        for phrase in (
            "did not tell",
            "never tell",
            "did not mention",
            "never mention",
            "did not disclose",
            "never disclose",
            "did not explain",
            "never explain",
            "hid",
            "hide",
            "conceal",
            "keep quiet",
            "failed to tell",
            "fail to mention",
        )
    ),
    # a loan secured on the home (근저당), however it is called
    *(
        (phrase, ("근저당",))
        for phrase in (
            "mortgage",
            "lien",
            "loan on the house",
            "loan on the building",
            "loan on the apartment",
            "loan on it",
            "debt on the house",
            "secured loan",
        )
    ),
    # a term that ended with nobody saying anything (아무 말 없이 만기): the implied renewal
    *(
        (phrase, ("계약의 갱신", "갱신거절의 통지"))
        for phrase in (
            "nobody said anything",
            "no one said anything",
            "never said anything",
            "did not say anything",
            "neither of us said",
            "said nothing",
            "nobody said a word",
            "no one said a word",
            "without a word",
            "did not hear anything",
            "heard nothing",
        )
    ),
    # keeping a deposit safe: the move-in report and the fixed date that protect it
    *(
        (phrase, ("대항력", "우선변제", "확정일자"))
        for phrase in (
            "protect my deposit",
            "protect the deposit",
            "deposit safe",
            "secure my deposit",
            "safeguard my deposit",
            "keep my deposit safe",
            "deposit protected",
            "deposit is safe",
            "deposit stays safe",
        )
    ),
    # a share of the deposit a fraud victim is promised at least (보증금 3분의 1 최소보장)
    *(
        (phrase, ("최소보장", "최소지원금"))
        for phrase in (
            "one third",
            "one-third",
            "a third of",
            "1/3",
            "at least a third",
            "guaranteed minimum",
            "minimum guarantee",
            "minimum amount guaranteed",
            "at least part of my deposit",
        )
    ),
    # when a tenant's protection begins (대항력 언제 생겨), asked without the legal word
    *(
        (phrase, ("대항력",))
        for phrase in (
            "protection start",
            "protection begin",
            "protection kick in",
            "protection actually start",
            "protection actually begin",
            "protected from when",
            "when am i protected",
            "start being protected",
            "protected from what day",
            "protected starting",
        )
    ),
    # charges for cleaning or repainting taken from the deposit on leaving (원상회복)
    *((phrase, ("원상회복",)) for phrase in ("cleaning", "repainting", "wallpaper", "deduct")),
    # --- English families, said the many ways people say them ---------------------------------
    # handing a shop over to a tenant one found, and the owner getting in the way (권리금 회수 방해)
    *(
        (phrase, ("방해",))
        for phrase in ("block", "obstruct", "interfere", "sabotage", "get in the way", "stand in the way")
    ),
    *(
        (phrase, ("신규임차인",))
        for phrase in (
            "take over my",
            "take over the",
            "take over our",
            "person i found",
            "guy i found",
            "someone i found",
            "tenant i found",
            "buyer i found",
            "people i found",
            "woman i found",
            "man i found",
            "i found someone",
            "found a new tenant",
            "found a replacement",
            "found a buyer for my",
            "replacement tenant",
            "successor",
            "incoming tenant",
            "next operator",
            "hand over my",
            "hand the shop",
            "pass the shop",
            "sell my business",
        )
    ),
    *(
        (phrase, ("권리금",))
        for phrase in ("key fee", "key payment", "gwonrigeum", "gwonri", "goodwill money")
    ),
    # a building that is part shop, part home (상가주택)
    *(
        (phrase, ("주거용 건물", "주거 외의 목적"))
        for phrase in ("mixed-use", "mixed use", "live above", "living above", "upstairs from")
    ),
    # being told to leave, however it is said (evict, kick out, get out): ending the lease
    *(
        (phrase, ("해지", "갱신거절"))
        for phrase in (
            "kick out",
            "kicked out",
            "throw me out",
            "throw us out",
            "get out",
            "told me to move out",
            "told us to move out",
            "wants me out",
            "wants us out",
            "make me leave",
            "make me move",
            "force me out",
            "forced out",
            "vacate",
            "move out by",
            "leave by",
        )
    ),
    # repairs (수선), by the thing broken
    *(
        (phrase, ("수선",))
        for phrase in (
            "boiler",
            "heating",
            "water heater",
            "hot water",
            "plumbing",
            "pipe",
            "burst",
            "mould",
            "damp",
            "not working",
            "stopped working",
            "broke down",
            "aircon",
            "air conditioner",
            "ceiling",
            "toilet",
        )
    ),
    # the agency and people at it (부동산, 실장님): licensed agent or assistant
    *(
        (phrase, ("개업공인중개사",))
        for phrase in (
            "real estate agent",
            "real estate office",
            "estate agent",
            "realty",
        )
    ),
    *(
        (phrase, ("중개보조원",))
        for phrase in (
            "assistant",
            "staff member",
            "employee",
            "not a licensed",
            "was not licensed",
            "is not licensed",
            "not actually licensed",
            "not even licensed",
            "no license",
            "no licence",
        )
    ),
    *(
        (phrase, ("현장안내",))
        for phrase in ("showed me", "show me around", "gave me a tour", "viewing", "walked me through")
    ),
    # the agent buying the client's home himself (직접 거래)
    *(
        (phrase, ("직접 거래", "금지"))
        for phrase in (
            "agent want to buy",
            "broker want to buy",
            "realtor want to buy",
            "agent offer to buy",
            "broker offer to buy",
            "realtor offer to buy",
            "agent is buying",
            "broker is buying",
            "realtor is buying",
            "buy it for himself",
            "buy it for herself",
            "buy my place himself",
            "buy my apartment himself",
            "buy my house himself",
            "in his own name",
            "in her own name",
        )
    ),
    # registering the title of a home bought (소유권이전등기)
    *(
        (phrase, ("등기", "소유권"))
        for phrase in (
            "title transfer",
            "transfer of title",
            "transfer the title",
            "register the title",
            "register ownership",
            "ownership registration",
            "property registry",
            "land registry",
        )
    ),
    # an auction or forced sale of the home (경매)
    *((phrase, ("경매",)) for phrase in ("foreclos", "forced sale", "public sale", "auctioned off", "bid")),
    # being paid before others (우선변제)
    *(
        (phrase, ("우선변제",))
        for phrase in (
            "first in line",
            "paid before",
            "get paid first",
            "ahead of the bank",
            "ranks ahead",
            "senior to",
        )
    ),
    # a fraud victim's application turned down, and asked again (이의신청)
    *(
        (phrase, ("이의신청",))
        for phrase in (
            "application was rejected",
            "application got rejected",
            "application rejected",
            "application was denied",
            "application denied",
            "application was turned down",
            "rejected as a victim",
            "denied victim status",
            "not recognized as a victim",
            "not recognised as a victim",
            "was not recognized",
            "reapply",
            "re-apply",
            "apply again",
            "review again",
            "second review",
        )
    ),
    # the state making good part of a lost deposit (최소보장)
    *(
        (phrase, ("최소보장", "최소지원금"))
        for phrase in (
            "government guarantee",
            "government cover",
            "government compensat",
            "government pay",
            "state guarantee",
            "state cover",
            "state compensat",
            "government will pay",
            "compensation from the government",
        )
    ),
    # the landlord's death (not the tenant's): his heirs step into the landlord's place
    *(
        (phrase, ("임대인의 지위", "상속"))
        for phrase in (
            "landlord die",
            "landlord pass away",
            "owner die",
            "owner pass away",
            "landlord's death",
            "death of my landlord",
            "death of the landlord",
            "landlord's heirs",
            "landlord's children",
        )
    ),
    # an agent with no registered office or licence (무등록 중개)
    *(
        (phrase, ("무등록", "개설등록"))
        for phrase in (
            "broker is not registered",
            "agent is not registered",
            "realtor is not registered",
            "broker was not registered",
            "agent was not registered",
            "realtor was not registered",
            "unregistered broker",
            "unregistered agent",
            "unregistered realtor",
            "unlicensed broker",
            "unlicensed",
            "not a registered",
            "without a license",
            "without a licence",
        )
    ),
    # the move-in report standing for the lease report (신고 의제)
    *(
        (phrase, ("주택 임대차 계약의 신고", "주민등록"))
        for phrase in (
            "counts as the lease report",
            "count as the lease report",
            "instead of the lease report",
            "still need to report",
            "still have to report",
            "report separately",
            "separate report",
        )
    ),
    # a lease written for a year or less (1년 계약): the act's 2-year minimum
    *(
        (phrase, ("단기계약", "임대차기간"))
        for phrase in (
            "1 year lease",
            "1-year lease",
            "one year lease",
            "lease for 1 year",
            "lease for one year",
            "only for 1 year",
            "only for one year",
            "contract for 1 year",
            "contract for one year",
            "1 year contract",
            "1-year contract",
            "one year contract",
            "one-year contract",
            "6 month lease",
            "6-month lease",
            "six month lease",
            "lease for 6 months",
        )
    ),
)

# Verb and adjective endings, longest first: what is left is the stem the statutes and cues share.
VERB_ENDINGS = tuple(
    sorted(
        {
            "해야하나요", "해야하나", "해야해요", "해야돼요", "해야되나요", "해야돼", "해야할까요", "해야",
            "하려면", "하려고", "하려는데", "하면요", "하면", "할때", "할수", "할까요", "할까", "할게요", "할",
            "했는데요", "했는데", "했어요", "했어", "했을때", "했으면", "했다면", "했", "하는데", "하는",
            "하나요", "하나", "해요", "해도", "해줘요", "해줘", "해주", "하고", "하게", "하기", "한다면", "한",
            "되나요", "되나", "되면", "되는데", "되는", "돼요", "돼", "됐는데", "됐어요", "된다면", "된",
            "되어", "되요", "될까요", "될까", "될",
            "나요", "려면", "려고", "으면", "면요", "면", "는데요", "는데", "었는데", "았는데", "어요", "아요",
            "는지", "을까요", "을까", "ㄹ까", "래요", "대요", "다고", "다는", "지만", "거든요", "잖아요",
            "ㅂ니다", "습니다", "니까", "으니", "어서", "아서", "도돼", "도되",
        },
        key=len,
        reverse=True,
    )
)  # fmt: skip

_WORD = re.compile(r"[가-힣]+|[a-z][a-z\-']*|\d+")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class ReducedQuestion:
    """A question as the legal search reads it.

    compact:  the text lower-cased without spaces ("집주인이보증금을안돌려줘요").
    stems:    its words without particles and verb endings, in order ("집주인", "보증금", "돌려줘").
    terms:    statute words the thesaurus found for it, in order of discovery ("임대인", "보증금", "반환").
    english:  the question is written in English.
    verbs:    the dictionary stems of the thesaurus verbs met in any form ("밀린" → 밀리).
    """

    compact: str
    stems: tuple[str, ...]
    terms: tuple[str, ...]
    english: bool
    verbs: tuple[str, ...] = ()

    @property
    def plain(self) -> tuple[str, ...]:
        """The stems with tense and contraction undone (plain_stem: 밀려서 → 밀리)."""
        return tuple(plain_stem(stem) for stem in self.stems)

    @property
    def text(self) -> str:
        """Where a word is looked for as written: the compact text, the joined stems, the joined
        plain stems and the verbs' dictionary stems."""
        return f"{self.compact}|{''.join(self.stems)}|{''.join(self.plain)}|{'|'.join(self.verbs)}"

    @property
    def term_set(self) -> frozenset[str]:
        """The statute words found, spaces removed (compared whole, never as substrings)."""
        return frozenset(t.replace(" ", "") for t in self.terms)

    @property
    def term_words(self) -> frozenset[str]:
        """The words of the several-word statute phrases found (주택 임대차 계약의 신고 → 주택, 임대차,
        계약, 신고): a cue word among them is in the question, in the statute's wording."""
        return frozenset(
            strip_particle(word, STATUTE_PARTICLES)
            for term in self.terms
            if " " in term
            for word in term.split()
        )

    @property
    def haystack(self) -> str:
        """The text and the statute words together, for subject words (상가, 중개보수 …)."""
        return "|".join((self.text, *sorted(self.term_set)))


# Nouns that end in 한 as a syllable of their own, not the verb ending 한 (했던): 전매제한 is no 전매제.
_HAN_NOUNS = ("제한", "상한", "하한", "기한", "권한", "최소한", "최대한")


def reduce_word(word: str) -> str:
    """One word's stem: particle off, then a verb ending off, keeping at least two syllables
    ("해지할" → "해지", "밀리면" → "밀리", "신고해야" → "신고", "갱신요구권은" → "갱신요구권")."""
    if word.isascii():  # an English possessive is its noun: the neighbor's pipe → neighbor
        return word.removesuffix("'s").rstrip("'")
    word = strip_particle(word, STATUTE_PARTICLES)
    if word.endswith(_HAN_NOUNS):
        return word
    for ending in VERB_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            return word[: -len(ending)]
    return cut_auxiliary(word)


# Where the grammar of a spoken verb phrase begins: tense, wish, modality, quotation, nominalised
# clauses ("연장하겠다", "살고싶어", "돌려받을수", "바꿔줘야되는거에", "먹통됐어"). A closed set of
# grammatical pieces, not of words; cut at the first one after the second syllable.
_AUXILIARY = re.compile(
    "(?:하겠|겠다|겠어|고싶|고있|는거|는건|는게|는지|을수|할수|될수|줘야|해야|해도|되는|됐|버렸|버린|버려|"
    "달라|달래|라고|다고|냐고|는데|었는|았는|였는|었어|았어|였어|어요|아요|거에|건가|거죠|잖아|더라|"
    "던데|면서|려고|려면|으면|이었|였다|었다|았다)"
)


def cut_auxiliary(word: str) -> str:
    """A spoken verb phrase cut where its grammar begins, keeping at least two syllables."""
    match = _AUXILIARY.search(word, 2)
    return word[: match.start()] if match else word


_SYLLABLE_BASE = 0xAC00
_PAST = 20  # the ㅆ final consonant of a past-tense syllable (밀렸, 했, 됐)
_NOT_PAST = frozenset("겠있")  # ㅆ that is no past tense: intent (나가겠 is no 나가게) and 있다
# Contracted vowels of a verb's last syllable → the stem's own vowel (려→리, 해→하, 돼→되, 줘→주, 봐→보).
_CONTRACTED = {6: 20, 10: 11, 14: 13, 9: 8}
_HIEUH = 18  # ㅎ: 해/했 → 하


_TAILS = ("서", "도", "야", "요", "라", "주")  # after a contracted 아/어 form: 밀려서, 돌려줘야, 나가라
_OPEN_VOWELS = frozenset((0, 1, 4, 6, 9, 10, 14))  # ㅏ ㅐ ㅓ ㅕ ㅘ ㅙ ㅝ


def _parts(syllable: str) -> tuple[int, int, int]:
    code = ord(syllable) - _SYLLABLE_BASE
    return code // 588, (code % 588) // 28, code % 28


def plain_stem(stem: str) -> str:
    """A verb stem with its last syllable's tense and contraction undone, by rule rather than by
    list: 밀렸 → 밀리, 밀려서 → 밀리, 돌려줬 → 돌려주, 돌려줘야 → 돌려주, 신고했 → 신고하, 됐다 → 되;
    nouns and other words unchanged. Used where the question and the text it is compared with are
    reduced alike."""
    if len(stem) < 2 or not all("가" <= ch <= "힣" for ch in stem[-2:]) or stem[-1] in _NOT_PAST:
        return stem
    if len(stem) >= 3 and stem[-1] in _TAILS:
        _, vowel, final = _parts(stem[-2])
        if final in (0, _PAST) and vowel in _OPEN_VOWELS:
            stem = stem[:-1]
    elif stem[-1] == "다" and len(stem) >= 3 and _parts(stem[-2])[2] == _PAST:
        stem = stem[:-1]
    initial, vowel, final = _parts(stem[-1])
    if final not in (0, _PAST):
        return stem
    if vowel in _CONTRACTED:
        vowel = _CONTRACTED[vowel]
    elif vowel == 1 and initial == _HIEUH:
        vowel = 0
    elif final == 0:
        return stem
    return stem[:-1] + chr(_SYLLABLE_BASE + initial * 588 + vowel * 28)


def is_english(text: str) -> bool:
    """More Latin letters than Hangul syllables: the question is written in English."""
    latin = sum(1 for ch in text if "a" <= ch.lower() <= "z")
    hangul = sum(1 for ch in text if "가" <= ch <= "힣")
    return latin > 2 * hangul and latin >= 4


# "돈이 깨졌다" is money spent, not a thing broken (깨졌 → 수선) nor a deal broken (계약이 깨졌): read
# as 돈 들었.
_MONEY_SPENT = re.compile(
    r"(?:돈|비용|생돈|목돈)(?:이|도|은|만)?\s{0,3}(?:엄청|많이|꽤|좀|너무|왕창|꽤나|다)?\s{0,3}깨(?:졌|져|지|진|짐)"
)
# A machine that "died" broke down (a boiler, not a person): read as broke, so no 사망 is found in it.
# A few words may come between ("the fridge that came with the flat just died"), none of them a person.
_THING_DIED = re.compile(
    r"\b(boiler|heater|heating|water heater|fridge|refrigerator|washer|washing machine|dryer|dishwasher|"
    r"air ?con(?:ditioner)?|aircon|a/?c|stove|oven|toilet|pipes?|lights?|door ?lock|fan|elevator|"
    r"hot water|ventilation)((?:\s{1,3}(?!(?:landlord|owner|tenant|father|mother|husband|wife|he|she|who|"
    r"son|daughter|partner|man|woman)\b)[\w'/-]{1,20}){0,6}?)\s{1,3}"
    r"(?:died|dies|is dead|went dead|gave out|conked out)\b"
)
# The polite 요 typed the chatty way (해당되나여, 돼여, 받을수있나용): read as 요, so the ending comes off.
# Only after an ending's syllable: 대여, 부여, 증여, 사용, 비용 are words, not endings.
_POLITE_SPELLING = re.compile(r"(나|돼|되|해|까|세|어|아|줘|져|봐|와|워|죠|네|게|래)[여용](?![가-힣])")


# "신고하자고", "쓰자는데": someone proposing to do something (하자 = let's), not a defect (하자); read as
# the quoting 하재 so the defect word is not found in it.
_LETS = re.compile(r"하자(?=고|는데|며|네|길래|던데|니까|해서|해요)")


@lru_cache(maxsize=256)
def reduce_question(text: str) -> ReducedQuestion:
    """Stems and statute words of a question (Korean or English); the same text is read once
    (the rescue gate, the matcher and the statute search all read it)."""
    lowered = _MONEY_SPENT.sub("돈 들었", _POLITE_SPELLING.sub("\\1요", text.lower()))
    lowered = _THING_DIED.sub("\\1\\2 broke down", lowered)
    lowered = _LETS.sub("하재", lowered)
    compact = _SPACES.sub("", lowered)
    stems = tuple(reduce_word(w) for w in _WORD.findall(lowered) if not w.isdigit())
    joined = "".join(stems) + "|" + "".join(plain_stem(stem) for stem in stems)
    terms: list[str] = []
    verbs: list[str] = []
    english = is_english(text)
    thesaurus, forms_all, by_first_form = _thesaurus_index()
    haystack = compact + "|" + joined  # no form holds "|": a form is found in one or the other
    present = {form for form in forms_all if form in haystack}
    for index in sorted({i for form in present for i in by_first_form[form]}):  # thesaurus order
        parts, statute = thesaurus[index]
        if all(any(form in present for form in forms) for forms in parts):
            terms += [t for t in statute if t not in terms]
            # a verb met in any of its forms ("밀린", "밀렸") is known by its dictionary stem (밀리)
            verbs += [forms[0] for forms in parts if len(forms) > 1 and forms[0] not in verbs]
    for pattern, statute in _DURATIONS:
        if pattern.search(lowered):
            terms += [t for t in statute if t not in terms]
    if english:
        padded = f" {_SPACES.sub(' ', lowered)} "
        padded += "|" + english_lemmas(padded) + "|" + padded.replace("-", " ")  # small-deposit
        for pattern, statute in _english_patterns():
            if pattern.search(padded):
                terms += [t for t in statute if t not in terms]
    return ReducedQuestion(
        compact=compact, stems=stems, terms=tuple(terms), english=english, verbs=tuple(verbs)
    )


def thesaurus_phrases(question: ReducedQuestion) -> tuple[str, ...]:
    """The everyday phrases of the thesaurus a question holds, as found there ("혼인신고안" in "혼인신고 안
    한 여자친구"): a word inside one is understood, however rare it is across the index."""
    found = []
    hay = f"{question.compact}|{question.text}"
    for parts, _ in _thesaurus():
        hits = [next((form for form in forms if form in hay), None) for forms in parts]
        if all(hits):
            found += [hit for hit in hits if hit and hit not in found]
    return tuple(found)


# How long a stay or a lease is: days or weeks are a temporary use (일시사용); a term of months or a
# year agreed is the lease term the housing act sets a minimum for (임대차기간).
_COUNT = r"(?:(?<![0-9])\d{1,3}|한|두|세|네|몇|one|two|three|four|five|six|nine|ten|eleven|twelve|a few|a couple of|a)"
_DURATIONS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (
        re.compile(
            rf"{_COUNT}\s*(?:일|주|주일)\s*(?:만|동안|간|짜리|정도)|며칠|일주일|보름|주말|이틀|사흘|나흘|열흘"
        ),
        ("일시사용",),
    ),
    (re.compile(rf"{_COUNT}[ -](?:day|week|night)s?\b"), ("일시사용",)),
    (re.compile(rf"{_COUNT}\s*(?:개월|년)\s*(?:만|짜리|계약|으로\s*계약|로\s*계약)"), ("임대차기간",)),
    (re.compile(rf"{_COUNT}[ -](?:month|year)s?[ -](?:lease|contract)"), ("임대차기간",)),
    # a term agreed under 2 years: the housing act reads it as 2 years (제4조), the shop act as 1 (제9조)
    (
        re.compile(
            r"(?<![0-9])(?:(?:1|한|일)\s*년|(?:[1-9]|1[0-9]|2[0-3])\s*개월|반\s*년)"
            r"\s*(?:짜리|계약|으로\s*계약|로\s*계약|으로\s*했|로\s*했)"
        ),
        ("단기계약",),
    ),
    (re.compile(r"\b(?:one|1|six|6)[ -](?:month|year)s?[ -](?:lease|contract)"), ("단기계약",)),
)

_FINAL_N, _FINAL_L, _FINAL_B = 4, 8, 17  # ㄴ, ㄹ, ㅂ as a syllable's final consonant
# The vowel a verb's last syllable takes when 아/어 contracts into it: 리→려, 주→줘, 보→봐, 쓰→써, 되→돼,
# 바뀌→바껴; ㅏ ㅐ ㅓ ㅔ ㅕ keep theirs (가→가, 내→내).
_CONTRACTS_TO = {20: 6, 13: 14, 8: 9, 18: 4, 11: 10, 16: 6, 0: 0, 1: 1, 4: 4, 5: 5, 6: 6}


def verb_forms(stem: str) -> tuple[str, ...]:
    """A verb stem and the forms its last syllable takes before endings, by rule rather than by list:
    밀리 → 밀린, 밀릴, 밀립(니다), 밀려, 밀렸; 새 → 샌, 샙(니다), 샜; 하 → 한, 해, 했. A stem ending in a
    consonant (받, 깎) is already a prefix of its forms; the stem itself comes first."""
    if not stem or not "가" <= stem[-1] <= "힣":
        return (stem,)
    initial, vowel, final = _parts(stem[-1])
    if final:
        return (stem,)
    head = stem[:-1]

    def syllable(v: int, f: int) -> str:
        return chr(_SYLLABLE_BASE + initial * 588 + v * 28 + f)

    forms = [stem, *(head + syllable(vowel, f) for f in (_FINAL_N, _FINAL_L, _FINAL_B))]
    contracted = 1 if vowel == 0 and initial == _HIEUH else _CONTRACTS_TO.get(vowel)
    if contracted is not None:
        forms += [head + syllable(contracted, 0), head + syllable(contracted, _PAST)]
    return tuple(dict.fromkeys(forms))


@cache
def _thesaurus() -> tuple[tuple[tuple[tuple[str, ...], ...], tuple[str, ...]], ...]:
    """THESAURUS with each key split into its parts and each part into the forms it is found in: a
    part marked `~` is a verb stem, found in any of its verb_forms."""
    return tuple(
        (
            tuple(verb_forms(part[:-1]) if part.endswith("~") else (part,) for part in key.split("+")),
            statute,
        )
        for key, statute in THESAURUS
    )


@cache
def _thesaurus_index() -> tuple[
    tuple[tuple[tuple[tuple[str, ...], ...], tuple[str, ...]], ...],
    tuple[str, ...],
    dict[str, tuple[int, ...]],
]:
    """The thesaurus, every form any key is found in, and for each form the entries whose first part
    it is: a question is tested once per form and then only against the entries it can open, instead
    of against all ~740 (the issue index reduces its ~6,000 cue phrases through this at first use)."""
    thesaurus = _thesaurus()
    forms = sorted({form for parts, _ in thesaurus for forms in parts for form in forms})
    first: dict[str, list[int]] = {form: [] for form in forms}
    for index, (parts, _) in enumerate(thesaurus):
        for form in parts[0]:
            first[form].append(index)
    return thesaurus, tuple(forms), {form: tuple(found) for form, found in first.items()}


# Past forms English does not make with -ed, and contractions, read as their plain verb.
_IRREGULAR = {
    "sold": "sell", "paid": "pay", "left": "leave", "kept": "keep", "broke": "break", "broken": "break",
    "bought": "buy", "told": "tell", "gave": "give", "given": "give", "took": "take", "taken": "take",
    "won't": "will not", "didn't": "did not", "doesn't": "does not", "don't": "do not", "can't": "can not",
    "isn't": "is not", "wasn't": "was not", "hasn't": "has not", "haven't": "have not", "stole": "steal",
    "went": "go", "gone": "go", "came": "come", "ran": "run", "lost": "lose", "built": "build",
    "sent": "send", "spent": "spend", "lent": "lend", "let": "let", "dies": "die", "died": "die",
}  # fmt: skip
_LATIN_WORD = re.compile(r"[a-z][a-z']*")


def english_lemmas(text: str) -> str:
    """An English text with irregular forms read as their plain verb (sold → sell, won't → will
    not), so a phrase written with the plain verb finds them."""
    return _LATIN_WORD.sub(lambda m: _IRREGULAR.get(m.group(), m.group()), text)


def _inflected(word: str) -> str:
    """A regex for an English word and its regular inflections: raise → raises, raised, raising;
    rent → rents, rented, renting; sublet → subletting; landlord → landlords."""
    w = re.escape(word)
    if not word.isalpha():
        return w
    if word.endswith("e"):
        return rf"{re.escape(word[:-1])}(?:e|es|ed|ing)"
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return rf"{re.escape(word[:-1])}(?:y|ies|ied|ying)"
    doubled = rf"|{re.escape(word[-1])}(?:ed|ing)" if word[-1] in "bdglmnprt" and word[-2] in "aeiou" else ""
    return rf"{w}(?:s|es|ed|ing{doubled})?"


@cache
def _english_patterns() -> tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]:
    """ENGLISH phrases as regexes whose words may be inflected ("sell the" finds "selling the")."""
    out = []
    for phrase, statute in ENGLISH:
        body = " ".join(_inflected(w) for w in phrase.split(" "))
        out.append((re.compile(rf"(?<![a-z]){body}(?![a-z])"), statute))
    return tuple(out)


# Which law a question is about, from its words and statute words; checked in this order.
_SUBJECTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (FRAUD, ("전세사기", "깡통전세", "사기피해", "피해자결정", "피해자인정", "피해주택", "최소지원금")),
    (FRAUD, ("우선매수", "안분")),  # of the loaded statutes only the fraud act gives a tenant these
    (CIVIL, ("전세권",)),  # a registered jeonse right is the 민법's, not a lease
    # a thing let that is neither a home nor a shop: the 민법's general lease rules govern it
    (CIVIL, ("창고", "컨테이너", "주차자리", "주차면", "warehouse")),
    (COMMERCIAL, ("상가건물", "상가", "권리금", "가게", "점포", "건물주", "장사", "영업", "식당", "카페")),
    (
        BROKERS,
        ("중개보수", "복비", "중개수수료", "개업공인중개사", "공인중개사", "중개사", "중개인", "복덕방"),
    ),
    (
        REPORTING,
        ("거래신고", "실거래신고", "부동산거래의신고", "전월세신고", "임대차계약의신고", "토지거래허가"),
    ),
    # a price reported other than the one paid is a false report: the reporting act's offence as much
    # as a broker's (a question naming the agent is of both acts)
    (
        REPORTING,
        (
            "다운계약",
            "업계약",
            "낮게신고",
            "낮춰신고",
            "낮춰서신고",
            "높게신고",
            "높여신고",
            "거짓신고",
            "허위신고",
            "underreport",
            "under-report",
            "lowerprice",
            "downcontract",
            "down-contract",
        ),
    ),
)


def subject_law(question: ReducedQuestion) -> str | None:
    """The statute a question is about by its subject, or None when nothing says (then the matched
    issue or the words decide). A sale or a deposit dispute without a lease word is no lease law."""
    laws = subject_laws(question)
    return laws[0] if laws else None


# Bodies an act sets up, by the words of their names: a question naming one asks about that act.
_BODIES: tuple[tuple[str, str], ...] = (
    ("상가건물임대차분쟁조정위원회", COMMERCIAL),
    ("상가분쟁조정위원회", COMMERCIAL),
    ("상가임대차분쟁조정위원회", COMMERCIAL),
    ("주택임대차분쟁조정위원회", HOUSING),
    ("임대차분쟁조정위원회", HOUSING),
    ("전세사기피해지원위원회", FRAUD),
)


# A mediation committee named without its act ("조정위원회에 신청 가능해요?"): the housing act's,
# unless the question is about a shop.
_MEDIATION_BODY = ("분쟁조정위원회", "조정위원회", "mediationcommittee")


def body_named_in(nospace: str) -> str | None:
    """The act that sets up a body the question names ("주택임대차분쟁조정위원회" → 주택임대차보호법)."""
    return next((law for body, law in _BODIES if body in nospace), None)


# Fraud feared, not suffered ("깡통전세 될까봐 무서워요", "전세사기 당할까 걱정"): a tenant who has lost
# nothing yet asks what the lease act protects (최우선변제, 확정일자), not the victims' special act.
_FRAUD_FEARED = re.compile(
    r"(?:깡통전세|깡통|전세사기|사기)(?:가|를|이|로|에)?(?:될까|당할까|칠까|날까|걸릴까|일까|아닐까|인지|될지|당할지|되면)"
    r"|(?:깡통전세|전세사기|사기).{0,8}(?:걱정|무서|겁나|겁이|불안|예방|피하|안당하|조심)"
    r"|(?:afraid|worried|scared|fear|avoid|prevent)\w{0,12}?(?:of|about)?(?:a|getting|being)?(?:jeonse)?(?:fraud|scam)"
)
# …unless the question also says it has happened or asks for the victims' relief
_FRAUD_SUFFERED = (
    "당했", "당한", "피해자", "피해주택", "피해를", "피해입", "피해봤", "사기꾼", "잠적", "연락두절", "victim",
    "scammed", "defrauded",
)  # fmt: skip


def fraud_only_feared(compact: str) -> bool:
    """The question fears 깡통전세 or 전세사기 without saying it has happened (no victim, no loss)."""
    return bool(_FRAUD_FEARED.search(compact)) and not any(word in compact for word in _FRAUD_SUFFERED)


# What a tenant does to be protected (move-in report, fixed date): a question about it that names the
# agent only as the one who told the tenant to do it ("agent told me to do the move-in report on the
# day") is a lease-act question; one that also speaks of the agent's own duties (fee, explaining,
# damages, lying) stays the brokerage act's.
_TENANT_STEPS = frozenset(("대항력", "우선변제", "확정일자", "주민등록"))
_AGENT_DUTY_TERMS = frozenset(
    ("중개보수", "확인ㆍ설명", "설명", "손해배상", "거짓", "거짓말", "초과", "금지")
)
_AGENT_DUTY_WORDS = (
    "fee", "commission", "compensat", "damage", "insurance", "explain", "liable", "responsib", "복비", "수수료",
    "보수", "설명", "배상", "책임", "보험",
)  # fmt: skip


def agent_only_tells(question: ReducedQuestion) -> bool:
    """Whether the agent is only the teller of a tenant-protection question, not its subject."""
    terms = question.term_set
    return (
        bool(terms & _TENANT_STEPS)
        and not terms & _AGENT_DUTY_TERMS
        and not any(word in question.compact for word in _AGENT_DUTY_WORDS)
    )


def subject_laws(question: ReducedQuestion) -> tuple[str, ...]:
    """Every statute the question's subject words name, in _SUBJECTS order: a shop's brokerage fee
    ("상가 복비") is both a brokerage and a shop question. Fraud only feared is no fraud-act question."""
    hay = question.haystack
    laws = list(dict.fromkeys(law for law, words in _SUBJECTS if any(word in hay for word in words)))
    if FRAUD in laws and fraud_only_feared(question.compact):
        laws.remove(FRAUD)
    if BROKERS in laws and agent_only_tells(question):
        laws.remove(BROKERS)
    # "…이것도 주택임대차보호법 적용 받아요?" names its law, and so does a body the act sets up
    # ("주택임대차분쟁조정위원회에서 다뤄줘요?" asks what that act lets the body do)
    named = law_named_in(question.compact) or body_named_in(question.compact)
    if named is None and COMMERCIAL not in laws and any(w in question.compact for w in _MEDIATION_BODY):
        named = HOUSING  # "조정위원회" of a lease that is no shop's is the housing act's committee
    if named is not None:
        act = named.replace(" ", "").removesuffix("시행령").removesuffix("시행규칙")
        laws = [act, *(law for law in laws if law != act)]
    elif any(word in question.compact for word in MIXED_USE_WORDS):
        laws = [HOUSING, *(law for law in laws if law != HOUSING)]  # the home in a shop building
    return tuple(laws)


# A question that asks for a figure — an amount, a rate, a count of years or days, a ceiling — wants
# the article that states it (often the decree the act delegates the figure to), not the rule that
# only says a figure exists. 얼마 asks for a figure the law sets when it asks for a bound (얼마까지,
# 얼마 넘으면) or what one gets, pays or waits (얼마나 받, 얼마 올릴, 얼마나 걸리); a sum that is a fact of
# the case (얼마 쓰였는지, 보증금이 얼마나 되는지) or some time ago (얼마 전에) is none, nor is a figure the
# question states itself (5% 제한 있지 않아요?).
_FIGURE_KO = re.compile(
    r"얼마(?:를|가|이)?(?:까지|이하|이상|미만|넘|초과)"
    r"|얼마(?:나|만큼|정도)?(?:를|가|이|씩|는|도|만)?(?:받|돌려|보호|올리|올릴|올려|인상|증액|내야|낼|지원|배상|보상|보장|걸리|걸려|걸릴|먼저|나오|나와|내요|내면|줘야|들어|들까|드나|드는|든다)"
    r"|얼마(?:예요|에요|인가|이에요|야|임|죠|일까|냐|고)"
    r"|몇\s*(?:퍼센트|프로|%|년|개월|달|일|배|억|천|만|회|번)(?!\s*(?:동안|째|전|뒤|후|지나|지났|살았|됐|되었|밀))"
    r"|최대|한도"
)
_FIGURE_EN = re.compile(
    r"\bhow (?:much|many|long|high|big)\b|\bmaximum\b|\bmax\b|\bminimum\b|\blimit\b|\bthreshold\b|\bcap\b"
    r"|\bcertain amount\b|\bwhat amount\b|\bamount\b|\bpercent(?:age)?\b|\bwhat rate\b|\bup to\b"
)


def asks_figure(question: ReducedQuestion | str) -> bool:
    """Whether the question asks for a figure (얼마까지, 몇 퍼센트, 최대, how much, up to, threshold)."""
    reduced = reduce_question(question) if isinstance(question, str) else question
    if reduced.english:
        return bool(_FIGURE_EN.search(" ".join(reduced.stems) + " " + reduced.compact))
    return bool(_FIGURE_KO.search(reduced.compact))
