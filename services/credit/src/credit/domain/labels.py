"""Credit's entries in the bilingual catalogue (:mod:`shared.catalogue`): the Chinese name of every
state, transition, step, enum value and event a person reads. English defaults to the identifier in
words. Registering an enum checks that every member has a name, so a new state cannot ship without one."""

from __future__ import annotations

from credit.domain.access import CreditReader, Decision
from credit.domain.actors import ActorKind
from credit.domain.commitment import CommitmentMove, CommitmentStatus
from credit.domain.deadlines import TimerKind, TimerName
from credit.domain.events import CommitmentEvent, RecordEvent, SubjectEvent
from credit.domain.grades import Grade
from credit.domain.policy import PenaltyClass, PeriodStart
from credit.domain.record.table import RecordMove, RecordState
from credit.domain.unmatched import Settlement, UnmatchedKind, UnmatchedStatus
from credit.domain.vocabulary import BehaviourCode, ListType
from shared.catalogue import english, enum_labels, pairs, transition_labels

enum_labels(
    Decision,
    pairs("""
        listing 列入名单决定
        repair 信用修复决定
    """),
)
enum_labels(
    CreditReader,
    pairs("""
        credit_office 信用管理部门
        case_handler 案件承办人
        court 法院
        customs 海关
    """),
)
enum_labels(
    ActorKind,
    pairs("""
        person 工作人员
        system 系统
    """),
)
enum_labels(
    CommitmentStatus,
    pairs("""
        pending 待核查
        fulfilled 已履行
        breached 已违反
    """),
)
enum_labels(
    CommitmentMove,
    pairs("""
        fulfil 核实履行
        breach 认定违反
    """),
)
enum_labels(
    TimerKind,
    pairs("""
        credit.notice_window 告知陈述申辩期限
        credit.publication_due 公示期限
        credit.listing_expiry 列入期限届满
        credit.withdrawal_due 撤下公示期限
        credit.commitment_verification 承诺核查期限
        credit.monthly_grades 月度信用评级
    """),
)
enum_labels(
    TimerName,
    pairs("""
        notice_window 告知陈述申辩期限
        publication 公示期限
        expiry 列入期限届满
        withdrawal 撤下公示期限
        verification 承诺核查期限
        monthly_grades 月度信用评级
    """),
)
enum_labels(
    RecordEvent,
    pairs("""
        CandidateRegistered 已登记为拟列入对象
        NoticeIssued 已送达拟列入告知书
        StatementFiled 已提交陈述申辩
        HearingRequested 已申请听证
        HearingHeld 已举行听证
        NoticeWindowClosed 陈述申辩期限届满
        DecisionProposed 已提出列入建议
        DecisionApproved 列入建议已批准
        DecisionRefused 列入建议未批准
        ListingDecided 已决定列入
        ListingDeclined 决定不予列入
        Published 已公示
        PublicationDueSoon 公示期限即将届满
        PublicationDeadlineMissed 公示期限已逾期
        RepairRequested 已申请信用修复
        RepairGranted 准予信用修复
        RepairDenied 不予信用修复
        Expired 列入期限届满
        Revoked 已撤销列入
        PublicationWithdrawn 已撤下公示
        WithdrawalDueSoon 撤下公示期限即将届满
        WithdrawalDeadlineMissed 撤下公示期限已逾期
        Archived 已归档
    """),
)
enum_labels(
    CommitmentEvent,
    pairs("""
        CommitmentMade 已作出信用承诺
        VerificationDueSoon 承诺核查期限即将届满
        VerificationOverdue 承诺核查已逾期
        CommitmentFulfilled 承诺已履行
        CommitmentBreached 承诺已违反
    """),
)
enum_labels(
    SubjectEvent,
    pairs("""
        RepeatInfringerFlagged 已标记为重复侵权人
    """),
)
enum_labels(
    Grade,
    pairs("""
        A A级（信用良好）
        B B级（信用一般）
        C C级（信用较差）
        D D级（严重失信）
    """),
)
enum_labels(
    PeriodStart,
    pairs("""
        decision 自决定之日起
        publication 自公示之日起
    """),
)
enum_labels(
    PenaltyClass,
    pairs("""
        reprimand_or_low_fine 警告或较低数额罚款
        standard 一般处罚
        serious 较重处罚
    """),
)
enum_labels(
    RecordState,
    pairs("""
        CANDIDATE 拟列入对象
        NOTICE_OF_PROPOSED_LISTING 已告知拟列入
        NOT_LISTED 不予列入
        LISTED 已列入
        PUBLISHED 已公示
        REPAIR_REQUESTED 已申请信用修复
        REPAIRED_EARLY 已提前修复
        REPAIR_DENIED 不予修复
        EXPIRED 期满移出
        REVOKED 已撤销
        ARCHIVED 已归档
    """),
)
enum_labels(
    RecordMove,
    pairs("""
        notify 告知拟列入
        list 决定列入
        decline 决定不予列入
        publish 公示
        request_repair 申请信用修复
        grant_repair 准予修复
        deny_repair 不予修复
        expire 期满移出
        revoke 撤销
        archive 归档
    """),
)
enum_labels(
    UnmatchedKind,
    pairs("""
        dishonesty_input 失信信息
        infringement_finding 侵权认定
    """),
)
enum_labels(
    UnmatchedStatus,
    pairs("""
        open 待处理
        resolved 已匹配
        dismissed 已驳回
    """),
)
enum_labels(
    Settlement,
    pairs("""
        resolve 匹配
        dismiss 驳回
    """),
)
enum_labels(
    ListType,
    pairs("""
        cnipa_dishonest 国家知识产权局严重违法失信名单
        samr_serious 市场监管严重违法失信名单
        penalty_publication 行政处罚信息公示
    """),
)
enum_labels(
    BehaviourCode,
    pairs("""
        abnormal_patent_application 非正常专利申请
        malicious_trademark_application 恶意商标注册申请
        agency_violation 代理机构违法违规
        false_materials 提交虚假材料
        commitment_breached 违反信用承诺
        refusal_to_perform 拒不履行生效决定
        other_catalogued 其他列入目录的行为
        wilful_infringement 故意侵权
        repeat_infringement 重复侵权
        serious_agency_violation 代理机构严重违法
        unfair_competition 不正当竞争
        counterfeit_patent 假冒专利
        trademark_infringement 商标侵权
        copyright_infringement 著作权侵权
        mediation_agreement_default 不履行调解协议
        other_penalty 其他行政处罚
    """),
)
transition_labels(
    CommitmentStatus,
    pairs("""
        fulfil 核实履行
        breach 认定违反
    """),
)
transition_labels(
    RecordState,
    pairs("""
        notify 告知拟列入
        list 决定列入
        decline 决定不予列入
        publish 公示
        request_repair 申请信用修复
        grant_repair 准予修复
        deny_repair 不予修复
        expire 期满移出
        revoke 撤销
        archive 归档
    """),
)
transition_labels(
    UnmatchedStatus,
    pairs("""
        resolve 匹配
        dismiss 驳回
    """),
)

# English as staff read it (written out, not the identifier in words; issue 17).
english(
    pairs("""
        listing listing decision
        repair credit repair decision
        case_handler case handler
        court people's court
        credit_office credit management office
        customs customs
        person staff member
        system the system
        breached breached
        fulfilled fulfilled
        pending awaiting verification
        breach find breached
        fulfil confirm fulfilled
        credit.commitment_verification commitment verification deadline
        credit.listing_expiry end of the listing period
        credit.monthly_grades monthly credit grading
        credit.notice_window period for statements and defence
        credit.publication_due publication deadline
        credit.withdrawal_due deadline to withdraw the publication
        expiry end of the listing period
        monthly_grades monthly credit grading
        notice_window period for statements and defence
        publication publication deadline
        verification commitment verification deadline
        withdrawal deadline to withdraw the publication
        Archived archived
        CandidateRegistered registered as a listing candidate
        DecisionApproved listing proposal approved
        DecisionProposed listing proposed
        DecisionRefused listing proposal not approved
        Expired listing period ended
        HearingHeld hearing held
        HearingRequested hearing requested
        ListingDecided listing decided
        ListingDeclined decided not to list
        NoticeIssued notice of proposed listing served
        NoticeWindowClosed period for statements and defence ended
        PublicationDeadlineMissed publication deadline missed
        PublicationDueSoon publication deadline approaching
        PublicationWithdrawn publication withdrawn
        Published published
        RepairDenied credit repair refused
        RepairGranted credit repair granted
        RepairRequested credit repair applied for
        Revoked listing revoked
        StatementFiled statement and defence filed
        WithdrawalDeadlineMissed deadline to withdraw the publication missed
        WithdrawalDueSoon deadline to withdraw the publication approaching
        CommitmentBreached commitment breached
        CommitmentFulfilled commitment fulfilled
        CommitmentMade credit commitment made
        VerificationDueSoon commitment verification deadline approaching
        VerificationOverdue commitment verification overdue
        RepeatInfringerFlagged flagged as a repeat infringer
        A grade A (good credit)
        B grade B (fair credit)
        C grade C (poor credit)
        D grade D (seriously dishonest)
        reprimand_or_low_fine warning or small fine
        serious heavier penalty
        standard ordinary penalty
        ARCHIVED archived
        CANDIDATE listing candidate
        EXPIRED removed at the end of the period
        LISTED listed
        NOTICE_OF_PROPOSED_LISTING notified of proposed listing
        NOT_LISTED not listed
        PUBLISHED published
        REPAIRED_EARLY repaired early
        REPAIR_DENIED credit repair refused
        REPAIR_REQUESTED credit repair applied for
        REVOKED revoked
        archive archive
        decline decide not to list
        deny_repair refuse credit repair
        expire remove at the end of the period
        grant_repair grant credit repair
        list decide to list
        notify notify of proposed listing
        publish publish
        request_repair apply for credit repair
        revoke revoke
        dishonesty_input dishonesty information
        infringement_finding infringement finding
        dismissed dismissed
        open awaiting a match
        resolved matched
        dismiss dismiss
        resolve match to a subject
        cnipa_dishonest CNIPA list of serious illegal and dishonest conduct
        penalty_publication publication of an administrative penalty
        samr_serious SAMR list of serious illegal and dishonest conduct
        abnormal_patent_application abnormal patent application
        agency_violation patent agency violation
        commitment_breached breach of a credit commitment
        copyright_infringement copyright infringement
        counterfeit_patent passing off a patent
        false_materials submitting false materials
        malicious_trademark_application bad-faith trademark application
        mediation_agreement_default failure to perform a mediation agreement
        other_catalogued other conduct in the catalogue
        other_penalty other administrative penalty
        refusal_to_perform refusal to perform an effective decision
        repeat_infringement repeated infringement
        serious_agency_violation serious patent agency violation
        trademark_infringement trademark infringement
        unfair_competition unfair competition
        wilful_infringement wilful infringement
    """),
    Decision,
    CreditReader,
    ActorKind,
    CommitmentStatus,
    CommitmentMove,
    TimerKind,
    TimerName,
    RecordEvent,
    CommitmentEvent,
    SubjectEvent,
    Grade,
    PenaltyClass,
    RecordState,
    RecordMove,
    UnmatchedKind,
    UnmatchedStatus,
    Settlement,
    ListType,
    BehaviourCode,
)
english(
    {"decision": "from the date of the decision", "publication": "from the date of publication"},
    PeriodStart,
)
