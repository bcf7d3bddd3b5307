/// Built-in copies of the files in `templates/`, so the library works without the repository.
/// `BuiltinTemplateTests` checks that each is byte-identical to its file.
public enum BuiltinTemplates {
    /// `templates/default.yaml`.
    public static let defaultJourney = #"""
# The default customer journey: six stages from customer-journey practice, and rules that
# place common clickstream, campaign and CRM events on them. First matching rule wins;
# activities no rule matches go to the "unassigned" stage and are listed by `journeymap stats`.
id: default
names: {en: Customer journey, th: เส้นทางของลูกค้า}
language: en
stages:
  - id: awareness
    names: {en: Awareness, th: การทำความรู้จัก}
    color: "#4e79a7"
  - id: consideration
    names: {en: Consideration, th: การพิจารณา}
    color: "#f28e2b"
  - id: decision
    names: {en: Decision, th: การตัดสินใจ}
    color: "#59a14f"
  - id: usage
    names: {en: Usage, th: การใช้งาน}
    color: "#b07aa1"
  - id: retention
    names: {en: Retention, th: การซื้อซ้ำ}
    color: "#76b7b2"
  - id: advocacy
    names: {en: Advocacy, th: การสนับสนุน}
    color: "#edc948"
touchpoints:
  - match: [ad_impression, ad_click, social_post, search_result, email_open, email_click,
            campaign_open, banner_view, video_view, first_visit]
    stage: awareness
  - glob: ["utm_*", "*_impression", "ad_*"]
    stage: awareness
  - match: [landing_page, product_view, compare, review_read, store_visit, page_view, view_item,
            view_item_list, search, session_start, brochure_request, demo_request, price_check]
    stage: consideration
  - match: [add_to_cart, checkout, payment, purchase, call_center, begin_checkout, add_payment_info,
            sign_up, signup, quote_request, contract_signed, order]
    stage: decision
  - match: [onboarding, app_open, support_ticket, login, first_use, activation, usage, feature_use]
    stage: usage
  - match: [repeat_purchase, renewal, loyalty_reward, subscription_renewal, reorder, upgrade]
    stage: retention
  - match: [review_written, referral, share, rating, testimonial, nps_promoter, invite_sent]
    stage: advocacy
unassigned:
  names: {en: Unassigned, th: ไม่ได้จัดกลุ่ม}
  color: "#9e9e9e"

"""#
}
