const en = {
  'town.title': 'The Internet town',
  'town.description':
    'How Wuzhen became the Internet town: dense Wi-Fi, mobile payment, QR codes as business cards, a township app and China’s first Internet hospital.',
  'town.lead':
    'Wuzhen is a canal town in Tongxiang, Zhejiang, of about 60,000 people. Here is how the Internet changed daily life in the town that hosts the World Internet Conference, and what it means for you as a visitor.',
  'town.contents': 'On this page',
  'town.inGuide': 'In the town guide',
  'town.homeLink': 'Read how Wuzhen became the Internet town',
  'town.road.title': 'From the first road to an Internet showcase',
  'town.road.text':
    'About thirty years passed between the day Wuzhen got its first road to the outside world and the day it became a showcase of the Internet. Wuzhen has been the permanent home of the World Internet Conference since its first edition in 2014, and Tongxiang, the county-level city Wuzhen belongs to, is turning from manufacturing towards Internet business.',
  'town.road.companies':
    'Within a year of the first conference, more than 20 Internet companies had moved to Wuzhen.',
  'town.road.linkHall': 'The convention and exhibition center, the conference’s home since 2016',
  'town.road.linkWest': 'The West Scenic Zone, about a kilometre’s walk from the center',
  'town.wifi.title': 'Wi-Fi everywhere, even in the public toilets',
  'town.wifi.text':
    'The town has more than 2,600 Wi-Fi spots. That is reported to be the densest Wi-Fi coverage in mainland China, and it reaches as far as the public toilets.',
  'town.wifi.sample':
    'The Wi-Fi spots in the portal’s guide are sample listings for trying it out, not a survey of the town’s hotspots.',
  'town.wifi.linkSpots': 'Wi-Fi spots on the map (sample listings)',
  'town.wifi.linkFree': 'Places with free Wi-Fi',
  'town.pay.title': 'Leave the wallet at home',
  'town.pay.text':
    'Paying by phone is part of everyday life in Wuzhen, so much so that a visitor can leave the wallet at home.',
  'town.pay.foreign':
    'If you come from abroad: since July 2023 Alipay and WeChat Pay accept foreign bank cards, but verifying a foreign card can still fail, so keep another way to pay at hand. Each venue page in the guide says which of Alipay, WeChat Pay, foreign cards and cash the place takes, where that is known.',
  'town.pay.linkCard': 'Places that take bank cards',
  'town.pay.linkCash': 'Places that take cash',
  'town.qr.title': 'A QR code as a business card',
  'town.qr.text':
    'On the busiest street of hostels, inns and restaurants, a QR code at the door does the work of a business card. Scan it and the place’s own page opens: phone number, a short introduction, online booking, the address and what other visitors have written.',
  'town.qr.portal':
    'Every place in the portal’s guide has such a code too. It opens the venue page, which adds opening hours, payment, Wi-Fi and a card to show a taxi driver.',
  'town.qr.linkExample': 'An example venue page: the convention center',
  'town.qr.linkSheet': 'Printable QR cards for every venue',
  'town.help.title': 'A township app for residents',
  'town.help.text':
    'Through a township app and an official WeChat account, the roughly 4,000 villagers it serves send requests to the local committee, with a photo, and get help around the clock.',
  'town.help.story':
    'One villager found his car blocked in by other cars. He sent a photo, and within half an hour the car was free.',
  'town.hospital.title': 'China’s first Internet hospital',
  'town.hospital.text':
    'Wuzhen Internet Hospital opened on 7 December 2015, the first of its kind in China, set up by WeDoctor with the Tongxiang government. Its doctors consult from a distance: they read shared records and scans through a cloud system, diagnose over video and prescribe, and patients collect their medicine on site.',
  'town.hospital.plans':
    'Its stated plans are to work with more than a thousand hospitals and more than 200,000 senior doctors.',
  'town.hospital.linkVenue': 'Wuzhen Internet Hospital (street address not verified)',
  'town.hospital.linkCategory': 'Hospitals in the guide',
  'town.sources':
    'The figures on this page come from press reporting on Wuzhen; the portal has not verified them on the ground.',
};

const zh: Record<keyof typeof en, string> = {
  'town.title': '互联网小镇',
  'town.description':
    '乌镇如何成为互联网小镇：密集的Wi-Fi、移动支付、当作名片的二维码、乡镇服务应用，以及中国首家互联网医院。',
  'town.lead':
    '乌镇是浙江桐乡的一座水乡小镇，人口约6万。这里讲述互联网如何改变了世界互联网大会所在地的日常生活，以及这对来访的你意味着什么。',
  'town.contents': '本页内容',
  'town.inGuide': '在城镇指南中查看',
  'town.homeLink': '了解乌镇如何成为互联网小镇',
  'town.road.title': '从第一条公路到互联网样板',
  'town.road.text':
    '从乌镇修通第一条通往外界的公路，到成为互联网的样板，大约用了三十年。自2014年首届大会起，乌镇便是世界互联网大会的永久会址；乌镇所属的县级市桐乡，也正从制造业转向互联网产业。',
  'town.road.companies': '首届大会后不到一年，就有20多家互联网企业落户乌镇。',
  'town.road.linkHall': '会展中心：2016年起的大会会址',
  'town.road.linkWest': '西栅景区：距会展中心步行约1公里',
  'town.wifi.title': '处处有Wi-Fi，连公共厕所也不例外',
  'town.wifi.text': '镇上有2600多个Wi-Fi热点。据报道，这是中国大陆最密集的Wi-Fi覆盖，连公共厕所都有信号。',
  'town.wifi.sample': '本门户城镇指南中的Wi-Fi热点是供体验的示例条目，并非对全镇热点的统计。',
  'town.wifi.linkSpots': '地图上的Wi-Fi热点（示例条目）',
  'town.wifi.linkFree': '提供免费Wi-Fi的地点',
  'town.pay.title': '出门不用带钱包',
  'town.pay.text': '在乌镇，用手机付款是日常生活的一部分，游客出门甚至可以不带钱包。',
  'town.pay.foreign':
    '如果你来自境外：自2023年7月起，支付宝和微信支付可以绑定境外银行卡，但境外卡的验证仍可能失败，请备好其他付款方式。城镇指南中每个地点的页面都会注明该处接受支付宝、微信支付、境外银行卡还是现金（已知的情况下）。',
  'town.pay.linkCard': '可刷银行卡的地点',
  'town.pay.linkCash': '收现金的地点',
  'town.qr.title': '二维码就是名片',
  'town.qr.text':
    '在青年旅舍、客栈和餐馆最集中的那条街上，门口的二维码就是名片。扫一扫，就能打开这家店自己的页面：电话、简介、在线预订、地址，还有其他游客的评价。',
  'town.qr.portal':
    '本门户城镇指南中的每个地点也都有这样的二维码。它打开地点页面，页面上还有营业时间、支付方式、Wi-Fi，以及可以出示给出租车司机的卡片。',
  'town.qr.linkExample': '地点页面示例：会展中心',
  'town.qr.linkSheet': '可打印的各地点二维码卡片',
  'town.help.title': '为居民服务的乡镇应用',
  'town.help.text':
    '通过一个乡镇应用和一个微信公众号，约4000名村民可以附上照片向村委会提出诉求，全天候都能得到帮助。',
  'town.help.story': '有位村民的车被其他车辆堵住了。他发出照片后不到半小时，车就脱困了。',
  'town.hospital.title': '中国首家互联网医院',
  'town.hospital.text':
    '乌镇互联网医院于2015年12月7日开业，是中国首家互联网医院，由微医与桐乡市政府合作创办。医生远程问诊：通过云端系统调阅共享的病历和影像，借助视频进行诊断并开具处方，患者在现场取药。',
  'town.hospital.plans': '按其公布的计划，医院将与一千多家医院、二十多万名资深医生合作。',
  'town.hospital.linkVenue': '乌镇互联网医院（详细地址待核实）',
  'town.hospital.linkCategory': '城镇指南中的医院',
  'town.sources': '本页数字来自有关乌镇的新闻报道，本门户尚未实地核实。',
};

export const townStrings = { en, zh };
