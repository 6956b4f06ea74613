"""Mediation's entries in the bilingual catalogue (:mod:`shared.catalogue`): the Chinese name of every
state, transition, step, enum value and event a person reads. English defaults to the identifier in
words. Registering an enum checks that every member has a name, so a new state cannot ship without one."""

from __future__ import annotations

from mediation.domain.agreement import (
    AgreementStatus,
    InstalmentStatus,
    RuleEffect,
    SignatureManner,
    TermKind,
)
from mediation.domain.assignment import AssignmentStatus
from mediation.domain.competence import CourtLevel, PointKind
from mediation.domain.confirmation import ApplicationManner, ApplicationStatus, ObjectionStatus
from mediation.domain.damages import BaseMethod, DamagesLaw
from mediation.domain.deadlines import TimerKind
from mediation.domain.events import EventName
from mediation.domain.kinds import MediationKind, Origin
from mediation.domain.legal_effect import Effect
from mediation.domain.materials import MaterialStatus
from mediation.domain.mediating import TerminationGround
from mediation.domain.parties import ActorKind, PartyRole
from mediation.domain.roster import OrganisationKind
from mediation.domain.states import MediationState
from shared.catalogue import english, enum_labels, pairs, transition_labels

enum_labels(
    TermKind,
    pairs("""
        payment 支付款项
        stop_infringement 停止侵权
        destruction 销毁侵权产品
        licence 许可使用
        assignment_of_right 权利转让
        ownership_confirmation 确认权属
        validity_confirmation 确认权利效力
        no_challenge 不提出无效宣告请求
        withdrawal_of_proceedings 撤回相关程序
        apology 赔礼道歉
        other 其他
    """),
)
enum_labels(
    RuleEffect,
    pairs("""
        ineligible 不能申请司法确认
        warn 提示
    """),
)
enum_labels(
    SignatureManner,
    pairs("""
        signature 签名
        seal 盖章
        thumbprint 按指印
        electronic 电子签名
    """),
)
enum_labels(
    AgreementStatus,
    pairs("""
        DRAFT 草稿
        EFFECTIVE 已生效
        SUPERSEDED 已被替代
    """),
)
enum_labels(
    InstalmentStatus,
    pairs("""
        DUE 待履行
        PAID 已履行
        DEFAULTED 已违约
        PAID_LATE 逾期履行
    """),
)
enum_labels(
    AssignmentStatus,
    pairs("""
        PENDING 待确认
        CONFIRMED 已确认
        DECLINED 已拒绝
        LAPSED 逾期未答复
        REPLACED 已更换
        ENDED 已结束
    """),
)
enum_labels(
    CourtLevel,
    pairs("""
        basic 基层人民法院
        intermediate 中级人民法院
        ip_court 知识产权法院
        high 高级人民法院
    """),
)
enum_labels(
    PointKind,
    pairs("""
        party_domicile 当事人住所地
        subject_matter 标的物所在地
        organisation_seat 调解组织所在地
    """),
)
enum_labels(
    ApplicationStatus,
    pairs("""
        FILED 已提交
        ACCEPTED 法院已受理
        RULED_VALID 裁定确认有效
        REJECTED 裁定驳回申请
        WITHDRAWN 已撤回
    """),
)
enum_labels(
    ApplicationManner,
    pairs("""
        in_person 当面申请
        online 在线申请
        agent 委托代理人申请
        written_consent 书面同意
    """),
)
enum_labels(
    ObjectionStatus,
    pairs("""
        LODGED 已提出
        UPHELD 异议成立
        DISMISSED 异议驳回
    """),
)
enum_labels(
    TimerKind,
    pairs("""
        mediation.deadline_monitor 期限监控
        mediation.assignment_answer 指派答复期限
        mediation.court_assignment_confirm 委派确认期限
        mediation.mediation_period 调解期限
        mediation.confirmation_window 申请司法确认期限
        mediation.objection_window 异议期限
        mediation.instalment_due 分期履行期限
        mediation.enforcement_period 申请执行期限
    """),
)
enum_labels(
    EventName,
    pairs("""
        case_opened 调解案件已立案
        case_accepted 调解申请已受理
        mediation_declined 对方当事人拒绝调解
        court_assignment_declined 已拒绝法院委派
        mediation_started 调解已开始
        mediation_terminated 调解已终止
        mediation_expired 调解期限届满
        agreement_took_effect 调解协议已生效
        confirmation_window_opened 申请司法确认期限开始
        returned_to_court 已退回法院
        confirmation_filed 已申请司法确认
        confirmation_ruled_valid 法院裁定确认有效
        confirmation_rejected 法院裁定驳回申请
        confirmation_withdrawn 司法确认申请已撤回
        confirmation_window_lapsed 申请司法确认期限届满
        agreement_performed 调解协议已履行
        enforcement_applied 已申请强制执行
        enforcement_period_expired 申请执行期限届满
        confirmation_revoked 确认裁定已被撤销
        consent_recorded 已记录当事人同意
        mediator_assigned 已指派调解员
        assignment_confirmed 调解员已确认指派
        assignment_declined 调解员已拒绝指派
        assignment_lapsed 指派逾期未答复
        assignment_ended 指派已结束
        period_extended 调解期限已延长
        agreement_drafted 调解协议已起草
        agreement_superseded 调解协议已被替代
        agreement_signed_by_party 当事人已签署调解协议
        confirmation_accepted 法院已受理司法确认申请
        instalment_paid 分期款项已履行
        instalment_defaulted 分期款项违约
        ruling_received 当事人已收到裁定
        objection_lodged 已提出异议
        objection_decided 异议已处理
        objection_window_closed 异议期限届满
        deadline_approaching 期限即将届满
        deadline_missed 期限已逾期
    """),
)
enum_labels(
    MediationKind,
    pairs("""
        people 人民调解
        administrative 行政调解
        court_assigned 法院委派调解
        court_entrusted 法院委托调解
    """),
)
enum_labels(
    Origin,
    pairs("""
        complaint 投诉
        adjudication_case 行政裁决案件
        court_assignment 法院委派
    """),
)
enum_labels(
    Effect,
    pairs("""
        none 无法律效力
        contract_pending_confirmation 民事合同性质，待司法确认
        contract_only 仅具民事合同性质
        court_confirmed 经司法确认，可申请强制执行
        with_trial_court 由审判法院处理
    """),
)
enum_labels(
    MaterialStatus,
    pairs("""
        provided 已提供
        generated 已生成
        missing 缺失
        not_applicable 不适用
    """),
)
enum_labels(
    TerminationGround,
    pairs("""
        settled_and_withdrawn 已和解并撤回
        request_withdrawn 申请已撤回
        parties_unreachable 无法联系当事人
        party_refuses_to_continue 当事人拒绝继续调解
        wide_differences 分歧较大难以达成协议
        party_refuses_to_sign 当事人拒绝签署协议
        other 其他
    """),
)
enum_labels(
    PartyRole,
    pairs("""
        applicant 申请人
        respondent 被申请人
    """),
)
enum_labels(
    ActorKind,
    pairs("""
        staff 工作人员
        mediator 调解员
        court 法院
        service 其他服务
        system 系统
    """),
)
enum_labels(
    OrganisationKind,
    pairs("""
        peoples_mediation_committee 人民调解委员会
        ip_office 知识产权管理部门
        protection_centre 知识产权保护中心
        industry_association 行业协会
        other 其他
    """),
)
enum_labels(
    MediationState,
    pairs("""
        REQUESTED 已申请
        ACCEPTED 已受理
        DECLINED_BY_OTHER_PARTY 对方当事人拒绝调解
        ASSIGNMENT_DECLINED 已拒绝委派
        IN_MEDIATION 调解中
        AGREEMENT_SIGNED 已签署调解协议
        FAILED 调解不成
        WITHDRAWN 已撤回
        EXPIRED 调解期限届满
        RETURNED_TO_COURT 已退回法院
        CONFIRMATION_WINDOW 可申请司法确认
        CONFIRMATION_FILED 已申请司法确认
        CONFIRMED_VALID 已确认有效
        CONFIRMATION_REJECTED 确认申请被驳回
        CONFIRMATION_WITHDRAWN 确认申请已撤回
        WINDOW_LAPSED 司法确认期限届满
        PERFORMED 已履行
        ENFORCEMENT_APPLIED 已申请强制执行
        ENFORCEMENT_PERIOD_EXPIRED 申请执行期限届满
        CONFIRMATION_REVOKED 确认裁定已撤销
    """),
)
transition_labels(
    AgreementStatus,
    pairs("""
        sign 签署
        take_effect 生效
        supersede 替代
    """),
)
transition_labels(
    InstalmentStatus,
    pairs("""
        pay 履行
        default 违约
        pay_late 逾期履行
    """),
)
transition_labels(
    AssignmentStatus,
    pairs("""
        confirm 确认指派
        decline 拒绝指派
        lapse 逾期未答复
        replace 更换
        end 结束
    """),
)
transition_labels(
    MediationState,
    pairs("""
        accept 受理
        refuse 拒绝调解
        hand_back 退回委派
        withdraw 撤回
        fail 调解不成
        start 开始调解
        expire 期限届满
        take_effect 协议生效
        open_window 开始申请司法确认期限
        return_to_court 退回法院
        file 申请司法确认
        lapse_window 司法确认期限届满
        confirm 确认有效
        reject 驳回申请
        withdraw_application 撤回确认申请
        resume 恢复调解
        perform 履行
        apply_enforcement 申请强制执行
        expire_enforcement 申请执行期限届满
        revoke 撤销确认裁定
    """),
)
transition_labels(
    ApplicationStatus,
    pairs("""
        accept 受理
        rule_valid 裁定确认有效
        reject 裁定驳回
        withdraw 撤回
    """),
)
transition_labels(
    ObjectionStatus,
    pairs("""
        uphold 异议成立
        dismiss 驳回异议
    """),
)

# Damages calculator (issue 18): the law and the base of the calculation.
enum_labels(
    DamagesLaw,
    pairs("""
        patent 专利法
        trademark 商标法
        copyright 著作权法
    """),
    {"patent": "Patent Law", "trademark": "Trademark Law", "copyright": "Copyright Law"},
)
enum_labels(
    BaseMethod,
    pairs("""
        actual_loss 权利人的实际损失
        infringer_gains 侵权人的获利
        licence_fee_multiple 许可使用费的倍数
        statutory 法定赔偿
        none_lawful_source 合法来源抗辩成立不承担赔偿
    """),
)

# English as staff read it, written out per kind (not the identifier in words; issue 17).
english(
    pairs("""
        apology apology
        assignment_of_right assignment of the right
        destruction destruction of infringing products
        licence licence to use
        no_challenge no request for invalidation
        other other term
        ownership_confirmation confirmation of ownership
        payment payment
        stop_infringement stopping the infringement
        validity_confirmation confirmation of the right's validity
        withdrawal_of_proceedings withdrawal of related proceedings
    """),
    TermKind,
)
english(
    pairs("""
        ineligible cannot be submitted for judicial confirmation
        warn warning
    """),
    RuleEffect,
)
english(
    pairs("""
        electronic electronic signature
        seal company seal
        signature handwritten signature
        thumbprint thumbprint
    """),
    SignatureManner,
)
english(
    pairs("""
        DRAFT draft
        EFFECTIVE in effect
        SUPERSEDED superseded
        sign sign
        supersede supersede
        take_effect take effect
    """),
    AgreementStatus,
)
english(
    pairs("""
        DEFAULTED defaulted
        DUE due
        PAID paid
        PAID_LATE paid late
        default record a default
        pay record payment
        pay_late record late payment
    """),
    InstalmentStatus,
)
english(
    pairs("""
        CONFIRMED confirmed by the mediator
        DECLINED declined by the mediator
        ENDED ended
        LAPSED lapsed without an answer
        PENDING awaiting the mediator's answer
        REPLACED mediator replaced
        confirm confirm the assignment
        decline decline the assignment
        end end the assignment
        lapse lapse without an answer
        replace replace the mediator
    """),
    AssignmentStatus,
)
english(
    pairs("""
        basic basic people's court
        high higher people's court
        intermediate intermediate people's court
        ip_court intellectual property court
    """),
    CourtLevel,
)
english(
    pairs("""
        organisation_seat seat of the mediation organisation
        party_domicile domicile of a party
        subject_matter location of the subject matter
    """),
    PointKind,
)
english(
    pairs("""
        ACCEPTED accepted by the court
        FILED filed
        REJECTED rejected by ruling
        RULED_VALID ruled valid
        WITHDRAWN withdrawn
        accept accept
        reject reject by ruling
        rule_valid rule the agreement valid
        withdraw withdraw
    """),
    ApplicationStatus,
)
english(
    pairs("""
        agent through an authorised agent
        in_person in person
        online online
        written_consent by written consent
    """),
    ApplicationManner,
)
english(
    pairs("""
        DISMISSED objection dismissed
        LODGED objection lodged
        UPHELD objection upheld
        dismiss dismiss the objection
        uphold uphold the objection
    """),
    ObjectionStatus,
)
english(
    pairs("""
        mediation.assignment_answer deadline for the mediator's answer
        mediation.confirmation_window period to apply for judicial confirmation
        mediation.court_assignment_confirm deadline to confirm a court assignment
        mediation.deadline_monitor deadline watch
        mediation.enforcement_period period to apply for enforcement
        mediation.instalment_due instalment due date
        mediation.mediation_period mediation period
        mediation.objection_window objection period
    """),
    TimerKind,
)
english(
    pairs("""
        agreement_drafted mediation agreement drafted
        agreement_performed mediation agreement performed
        agreement_signed_by_party mediation agreement signed by a party
        agreement_superseded mediation agreement superseded
        agreement_took_effect mediation agreement took effect
        assignment_confirmed mediator confirmed the assignment
        assignment_declined mediator declined the assignment
        assignment_ended assignment ended
        assignment_lapsed assignment lapsed without an answer
        case_accepted mediation request accepted
        case_opened mediation case opened
        confirmation_accepted court accepted the confirmation application
        confirmation_filed judicial confirmation applied for
        confirmation_rejected court rejected the confirmation application
        confirmation_revoked confirmation ruling revoked
        confirmation_ruled_valid court ruled the agreement valid
        confirmation_window_lapsed period to apply for judicial confirmation ended
        confirmation_window_opened period to apply for judicial confirmation began
        confirmation_withdrawn confirmation application withdrawn
        consent_recorded parties' consent recorded
        court_assignment_declined court assignment declined
        deadline_approaching deadline approaching
        deadline_missed deadline missed
        enforcement_applied enforcement applied for
        enforcement_period_expired period to apply for enforcement ended
        instalment_defaulted instalment defaulted
        instalment_paid instalment paid
        mediation_declined other party declined mediation
        mediation_expired mediation period ended
        mediation_started mediation started
        mediation_terminated mediation terminated
        mediator_assigned mediator assigned
        objection_decided objection decided
        objection_lodged objection lodged
        objection_window_closed objection period ended
        period_extended mediation period extended
        returned_to_court returned to the court
        ruling_received party received the ruling
    """),
    EventName,
)
english(
    pairs("""
        administrative administrative mediation
        court_assigned court-assigned mediation
        court_entrusted court-entrusted mediation
        people people's mediation
    """),
    MediationKind,
)
english(
    pairs("""
        adjudication_case adjudication case
        complaint complaint
        court_assignment court assignment
    """),
    Origin,
)
english(
    pairs("""
        contract_only binding as a civil contract only
        contract_pending_confirmation civil contract, awaiting judicial confirmation
        court_confirmed judicially confirmed, enforceable
        none no legal effect
        with_trial_court for the trial court to handle
    """),
    Effect,
)
english(
    pairs("""
        generated generated
        missing missing
        not_applicable not applicable
        provided provided
    """),
    MaterialStatus,
)
english(
    pairs("""
        other other ground
        parties_unreachable parties cannot be reached
        party_refuses_to_continue a party refuses to continue
        party_refuses_to_sign a party refuses to sign the agreement
        request_withdrawn request withdrawn
        settled_and_withdrawn settled and withdrawn
        wide_differences differences too wide to agree
    """),
    TerminationGround,
)
english(
    pairs("""
        applicant applicant
        respondent respondent
    """),
    PartyRole,
)
english(
    pairs("""
        court people's court
        mediator mediator
        service another ipcase service
        staff staff member
        system the system
    """),
    ActorKind,
)
english(
    pairs("""
        industry_association industry association
        ip_office intellectual property office
        other other organisation
        peoples_mediation_committee people's mediation committee
        protection_centre IP protection centre
    """),
    OrganisationKind,
)
english(
    pairs("""
        ACCEPTED accepted
        AGREEMENT_SIGNED agreement signed
        ASSIGNMENT_DECLINED court assignment declined
        CONFIRMATION_FILED judicial confirmation applied for
        CONFIRMATION_REJECTED confirmation application rejected
        CONFIRMATION_REVOKED confirmation ruling revoked
        CONFIRMATION_WINDOW open for judicial confirmation
        CONFIRMATION_WITHDRAWN confirmation application withdrawn
        CONFIRMED_VALID confirmed valid
        DECLINED_BY_OTHER_PARTY declined by the other party
        ENFORCEMENT_APPLIED enforcement applied for
        ENFORCEMENT_PERIOD_EXPIRED period to apply for enforcement ended
        EXPIRED mediation period ended
        FAILED no settlement reached
        IN_MEDIATION in mediation
        PERFORMED performed
        REQUESTED requested
        RETURNED_TO_COURT returned to the court
        WINDOW_LAPSED period for judicial confirmation ended
        WITHDRAWN withdrawn
        accept accept
        apply_enforcement apply for enforcement
        confirm rule valid
        expire let the mediation period end
        expire_enforcement let the enforcement period end
        fail record no settlement
        file apply for judicial confirmation
        hand_back hand the assignment back
        lapse_window let the confirmation period end
        open_window open the confirmation period
        perform record performance
        refuse decline mediation
        reject reject the application
        resume resume mediation
        return_to_court return to the court
        revoke revoke the confirmation ruling
        start start mediation
        take_effect agreement takes effect
        withdraw withdraw
        withdraw_application withdraw the confirmation application
    """),
    MediationState,
)
english(
    pairs("""
        actual_loss the right holder's actual loss
        infringer_gains the infringer's gains
        licence_fee_multiple a multiple of the licence fee
        none_lawful_source no damages: lawful source shown
        statutory statutory damages
    """),
    BaseMethod,
)
