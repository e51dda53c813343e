"""Bulk material that prompts paste: articles, emails, logs, code, tables and config files.

The same material is pasted under instructions of every label, so the classifier has to learn
the instruction rather than the size or kind of the paste."""

from __future__ import annotations

import json
import string

from . import pii

# ---------------------------------------------------------------------------------------------
# prose

SENTENCES = {
    "en": [
        "The city council voted on Tuesday to extend the opening hours of the public library.",
        "Local farmers say the late frost damaged about a third of this year's apple blossoms.",
        "The new tram line will connect the university campus with the central station by next spring.",
        "Researchers measured the water temperature of the lake every morning for six weeks.",
        "Most visitors arrive in the summer months, when the mountain trails are free of snow.",
        "The bakery on the corner has been run by the same family for more than forty years.",
        "Volunteers collected nearly two tonnes of plastic waste along the river banks last weekend.",
        "The museum's new wing displays tools and pottery found during the excavation of the old harbour.",
        "Ticket prices for the regional trains will rise by three percent from January.",
        "The school garden project teaches children how to grow tomatoes, beans and herbs.",
        "Heavy rain caused minor flooding in two neighbourhoods, but no one was injured.",
        "The team won the final after a penalty shoot-out that lasted almost twenty minutes.",
        "A small software company from the town has released an app that helps people find parking.",
        "The festival will feature more than sixty bands on four stages over three days.",
        "Cycling to work has become more popular since the protected bike lanes were built.",
        "The recipe calls for fresh basil, ripe tomatoes, olive oil and a pinch of sea salt.",
        "Engineers inspected the old bridge and recommended replacing the steel cables within five years.",
        "The public swimming pool will close for renovation from October until the end of March.",
        "Birdwatchers reported the first storks of the season returning to the wetlands.",
        "The report shows that household energy use fell slightly compared with the previous winter.",
        "A new community centre offers language classes, a repair café and a small cinema.",
        "The hiking club organises a guided walk to the waterfall every first Sunday of the month.",
    ],
    "de": [
        "Der Gemeinderat hat am Dienstag beschlossen, die Öffnungszeiten der Stadtbibliothek zu verlängern.",
        "Die Landwirte berichten, dass der späte Frost etwa ein Drittel der Apfelblüten beschädigt hat.",
        "Die neue Straßenbahnlinie soll ab dem nächsten Frühjahr den Campus mit dem Hauptbahnhof verbinden.",
        "Forscher haben sechs Wochen lang jeden Morgen die Wassertemperatur des Sees gemessen.",
        "Die meisten Besucher kommen im Sommer, wenn die Wanderwege in den Bergen schneefrei sind.",
        "Die Bäckerei an der Ecke wird seit über vierzig Jahren von derselben Familie geführt.",
        "Freiwillige haben am Wochenende fast zwei Tonnen Plastikmüll am Flussufer gesammelt.",
        "Im neuen Flügel des Museums sind Werkzeuge und Keramik aus dem alten Hafen ausgestellt.",
        "Die Fahrpreise im Regionalverkehr steigen ab Januar um drei Prozent.",
        "Im Schulgarten lernen die Kinder, wie man Tomaten, Bohnen und Kräuter anbaut.",
        "Starker Regen hat in zwei Stadtteilen zu kleineren Überschwemmungen geführt, verletzt wurde niemand.",
        "Die Mannschaft gewann das Finale nach einem Elfmeterschießen, das fast zwanzig Minuten dauerte.",
        "Eine kleine Softwarefirma aus dem Ort hat eine App veröffentlicht, die bei der Parkplatzsuche hilft.",
        "Auf dem Festival spielen an drei Tagen mehr als sechzig Bands auf vier Bühnen.",
        "Seit es geschützte Radwege gibt, fahren deutlich mehr Menschen mit dem Fahrrad zur Arbeit.",
        "Für das Rezept braucht man frisches Basilikum, reife Tomaten, Olivenöl und etwas Meersalz.",
        "Die Ingenieure empfehlen, die Stahlseile der alten Brücke innerhalb von fünf Jahren zu ersetzen.",
        "Das Hallenbad bleibt von Oktober bis Ende März wegen Sanierung geschlossen.",
        "Vogelbeobachter melden die ersten Störche, die in die Feuchtwiesen zurückkehren.",
        "Der Bericht zeigt, dass der Energieverbrauch der Haushalte im Vergleich zum Vorjahr leicht gesunken ist.",
    ],
    "fr": [
        "Le conseil municipal a voté mardi l'extension des horaires d'ouverture de la bibliothèque.",
        "Les agriculteurs estiment que le gel tardif a abîmé environ un tiers des fleurs de pommier.",
        "La nouvelle ligne de tramway reliera le campus à la gare centrale au printemps prochain.",
        "Des chercheurs ont mesuré la température de l'eau du lac chaque matin pendant six semaines.",
        "La plupart des visiteurs arrivent en été, quand les sentiers de montagne sont dégagés.",
        "La boulangerie du coin est tenue par la même famille depuis plus de quarante ans.",
        "Des bénévoles ont ramassé près de deux tonnes de déchets plastiques le long de la rivière.",
        "La nouvelle aile du musée présente des outils et des poteries trouvés dans l'ancien port.",
        "Le prix des billets de train régionaux augmentera de trois pour cent en janvier.",
        "Le jardin de l'école apprend aux enfants à cultiver des tomates, des haricots et des herbes.",
        "De fortes pluies ont provoqué de petites inondations dans deux quartiers, sans faire de blessés.",
        "L'équipe a remporté la finale après une séance de tirs au but de près de vingt minutes.",
        "Une petite entreprise de la ville a lancé une application pour trouver une place de parking.",
        "Le festival accueillera plus de soixante groupes sur quatre scènes pendant trois jours.",
        "Le vélo gagne du terrain depuis la construction de pistes cyclables protégées.",
        "La recette demande du basilic frais, des tomates mûres, de l'huile d'olive et une pincée de sel.",
        "Les ingénieurs recommandent de remplacer les câbles du vieux pont d'ici cinq ans.",
        "La piscine municipale fermera pour travaux d'octobre à la fin mars.",
        "Les ornithologues ont observé les premières cigognes de retour dans les marais.",
        "Le rapport montre une légère baisse de la consommation d'énergie des ménages cet hiver.",
    ],
    "es": [
        "El ayuntamiento aprobó el martes ampliar el horario de apertura de la biblioteca municipal.",
        "Los agricultores calculan que la helada tardía dañó un tercio de las flores de los manzanos.",
        "La nueva línea de tranvía unirá el campus con la estación central la próxima primavera.",
        "Un equipo de investigadores midió la temperatura del agua del lago cada mañana durante seis semanas.",
        "La mayoría de los visitantes llega en verano, cuando los senderos de montaña no tienen nieve.",
        "La panadería de la esquina lleva más de cuarenta años en manos de la misma familia.",
        "Los voluntarios recogieron casi dos toneladas de plástico en las orillas del río.",
        "El nuevo pabellón del museo muestra herramientas y cerámica halladas en el antiguo puerto.",
        "El precio de los billetes de tren regional subirá un tres por ciento a partir de enero.",
        "El huerto escolar enseña a los niños a cultivar tomates, judías y hierbas aromáticas.",
        "Las fuertes lluvias provocaron pequeñas inundaciones en dos barrios, sin heridos.",
        "El equipo ganó la final tras una tanda de penaltis que duró casi veinte minutos.",
        "Una pequeña empresa local ha lanzado una aplicación para encontrar aparcamiento.",
        "El festival contará con más de sesenta grupos en cuatro escenarios durante tres días.",
        "Cada vez más gente va al trabajo en bicicleta desde que se construyeron carriles protegidos.",
        "La receta lleva albahaca fresca, tomates maduros, aceite de oliva y una pizca de sal.",
        "Los ingenieros recomiendan sustituir los cables del viejo puente en un plazo de cinco años.",
        "La piscina municipal cerrará por obras desde octubre hasta finales de marzo.",
        "Los observadores de aves vieron las primeras cigüeñas de la temporada en los humedales.",
        "El informe indica que el consumo de energía de los hogares bajó ligeramente este invierno.",
    ],
    "it": [
        "Il consiglio comunale ha approvato martedì l'estensione degli orari della biblioteca civica.",
        "Gli agricoltori stimano che la gelata tardiva abbia danneggiato un terzo dei fiori di melo.",
        "La nuova linea del tram collegherà il campus con la stazione centrale dalla prossima primavera.",
        "I ricercatori hanno misurato ogni mattina la temperatura dell'acqua del lago per sei settimane.",
        "La maggior parte dei turisti arriva d'estate, quando i sentieri di montagna sono liberi dalla neve.",
        "Il forno all'angolo è gestito dalla stessa famiglia da più di quarant'anni.",
        "I volontari hanno raccolto quasi due tonnellate di plastica lungo le rive del fiume.",
        "La nuova ala del museo espone attrezzi e ceramiche trovati nell'antico porto.",
        "Il prezzo dei biglietti dei treni regionali aumenterà del tre per cento da gennaio.",
        "L'orto della scuola insegna ai bambini a coltivare pomodori, fagioli ed erbe aromatiche.",
        "Le forti piogge hanno causato piccoli allagamenti in due quartieri, senza feriti.",
        "La squadra ha vinto la finale dopo una serie di rigori durata quasi venti minuti.",
        "Una piccola azienda del paese ha pubblicato un'app per trovare parcheggio.",
        "Il festival ospiterà più di sessanta band su quattro palchi in tre giorni.",
        "Da quando ci sono le piste ciclabili protette, molte più persone vanno al lavoro in bici.",
        "La ricetta richiede basilico fresco, pomodori maturi, olio d'oliva e un pizzico di sale.",
        "Gli ingegneri consigliano di sostituire i cavi del vecchio ponte entro cinque anni.",
        "La piscina comunale resterà chiusa per lavori da ottobre a fine marzo.",
        "Gli appassionati di birdwatching hanno avvistato le prime cicogne nelle zone umide.",
        "Il rapporto mostra un leggero calo dei consumi energetici delle famiglie quest'inverno.",
    ],
    "pt": [
        "A câmara municipal aprovou na terça-feira o alargamento do horário da biblioteca pública.",
        "Os agricultores estimam que a geada tardia danificou um terço das flores das macieiras.",
        "A nova linha de elétrico vai ligar o campus à estação central na próxima primavera.",
        "Os investigadores mediram a temperatura da água do lago todas as manhãs durante seis semanas.",
        "A maioria dos visitantes chega no verão, quando os trilhos da serra estão sem neve.",
        "A padaria da esquina é gerida pela mesma família há mais de quarenta anos.",
        "Os voluntários recolheram quase duas toneladas de plástico nas margens do rio.",
        "A nova ala do museu mostra ferramentas e cerâmica encontradas no antigo porto.",
        "O preço dos bilhetes dos comboios regionais vai subir três por cento em janeiro.",
        "A horta da escola ensina as crianças a cultivar tomates, feijão e ervas aromáticas.",
        "A chuva forte causou pequenas inundações em dois bairros, sem feridos.",
        "A equipa venceu a final depois de uma disputa de pênaltis que durou quase vinte minutos.",
        "Uma pequena empresa da cidade lançou um aplicativo que ajuda a encontrar estacionamento.",
        "O festival terá mais de sessenta bandas em quatro palcos durante três dias.",
        "Desde que as ciclovias protegidas foram construídas, mais pessoas vão de bicicleta para o trabalho.",
        "A receita leva manjericão fresco, tomates maduros, azeite e uma pitada de sal.",
        "Os engenheiros recomendam substituir os cabos da ponte velha dentro de cinco anos.",
        "A piscina municipal fecha para obras de outubro até ao fim de março.",
        "Os observadores de aves viram as primeiras cegonhas da época nas zonas húmidas.",
        "O relatório mostra que o consumo de energia das famílias caiu ligeiramente este inverno.",
    ],
    "nl": [
        "De gemeenteraad heeft dinsdag besloten de openingstijden van de bibliotheek te verruimen.",
        "Boeren schatten dat de late nachtvorst een derde van de appelbloesem heeft beschadigd.",
        "De nieuwe tramlijn verbindt vanaf volgend voorjaar de campus met het centraal station.",
        "Onderzoekers hebben zes weken lang elke ochtend de watertemperatuur van het meer gemeten.",
        "De meeste bezoekers komen in de zomer, als de bergpaden sneeuwvrij zijn.",
        "De bakkerij op de hoek wordt al meer dan veertig jaar door dezelfde familie gerund.",
        "Vrijwilligers hebben afgelopen weekend bijna twee ton plastic langs de rivier verzameld.",
        "In de nieuwe vleugel van het museum zijn gereedschap en aardewerk uit de oude haven te zien.",
        "De prijzen van regionale treinkaartjes stijgen vanaf januari met drie procent.",
        "In de schooltuin leren kinderen tomaten, bonen en kruiden te kweken.",
        "Hevige regen zorgde in twee wijken voor wateroverlast, maar er raakte niemand gewond.",
        "Het team won de finale na een strafschoppenserie van bijna twintig minuten.",
        "Een klein softwarebedrijf uit de stad heeft een app uitgebracht die helpt bij het vinden van parkeerplek.",
        "Op het festival spelen in drie dagen meer dan zestig bands op vier podia.",
        "Sinds de vrijliggende fietspaden er zijn, fietsen veel meer mensen naar hun werk.",
        "Voor het recept heb je verse basilicum, rijpe tomaten, olijfolie en een snufje zeezout nodig.",
        "De ingenieurs adviseren de staalkabels van de oude brug binnen vijf jaar te vervangen.",
        "Het zwembad is van oktober tot eind maart gesloten voor renovatie.",
        "Vogelaars zagen de eerste ooievaars van het seizoen terugkeren naar de uiterwaarden.",
        "Uit het rapport blijkt dat het energieverbruik van huishoudens deze winter licht is gedaald.",
    ],
    "ja": [
        "市議会は火曜日、市立図書館の開館時間を延長することを決めました。",
        "農家によると、遅霜でリンゴの花の約三分の一が被害を受けました。",
        "新しい路面電車の路線は、来年の春から大学と中央駅を結ぶ予定です。",
        "研究者たちは六週間、毎朝湖の水温を測定しました。",
        "多くの観光客は、山道の雪が解ける夏に訪れます。",
        "角のパン屋は四十年以上、同じ家族が営んでいます。",
        "先週末、ボランティアが川岸で約二トンのプラスチックごみを集めました。",
        "博物館の新館では、古い港の発掘で見つかった道具や土器が展示されています。",
        "地域の電車の運賃は一月から三パーセント値上がりします。",
        "学校の菜園では、子どもたちがトマトや豆、ハーブの育て方を学んでいます。",
        "大雨で二つの地区が一部浸水しましたが、けが人はいませんでした。",
        "チームは二十分近く続いたPK戦の末、決勝で勝利しました。",
        "地元の小さなソフトウェア会社が、駐車場探しに役立つアプリを公開しました。",
        "フェスティバルでは、三日間で六十以上のバンドが四つのステージで演奏します。",
        "自転車専用レーンができてから、自転車で通勤する人が増えました。",
        "このレシピには、新鮮なバジル、完熟トマト、オリーブオイル、塩少々を使います。",
        "技術者は、古い橋のケーブルを五年以内に交換するよう勧めました。",
        "市民プールは改修のため、十月から三月末まで休業します。",
    ],
    "hi": [
        "नगर परिषद ने मंगलवार को सार्वजनिक पुस्तकालय के खुलने का समय बढ़ाने का फैसला किया।",
        "किसानों का कहना है कि देर से पड़े पाले ने सेब के एक तिहाई फूलों को नुकसान पहुँचाया।",
        "नई ट्राम लाइन अगले वसंत से विश्वविद्यालय को मुख्य स्टेशन से जोड़ेगी।",
        "शोधकर्ताओं ने छह हफ्तों तक हर सुबह झील के पानी का तापमान मापा।",
        "ज़्यादातर पर्यटक गर्मियों में आते हैं, जब पहाड़ी रास्तों पर बर्फ नहीं होती।",
        "कोने वाली बेकरी चालीस साल से एक ही परिवार चला रहा है।",
        "स्वयंसेवकों ने पिछले सप्ताहांत नदी के किनारे से लगभग दो टन प्लास्टिक इकट्ठा किया।",
        "भारी बारिश से दो मोहल्लों में पानी भर गया, लेकिन कोई घायल नहीं हुआ।",
        "स्कूल के बगीचे में बच्चे टमाटर, बीन्स और जड़ी-बूटियाँ उगाना सीखते हैं।",
        "त्योहार में तीन दिनों तक चार मंचों पर साठ से ज़्यादा बैंड प्रस्तुति देंगे।",
        "सुरक्षित साइकिल लेन बनने के बाद से ज़्यादा लोग साइकिल से दफ्तर जाते हैं।",
        "इस रेसिपी में ताज़ी तुलसी, पके टमाटर, जैतून का तेल और थोड़ा नमक चाहिए।",
    ],
    "zh": [
        "市议会周二决定延长市立图书馆的开放时间。",
        "农民们说，晚霜损坏了大约三分之一的苹果花。",
        "新的有轨电车线路将于明年春天连接大学校园和中央车站。",
        "研究人员连续六周每天早上测量湖水的温度。",
        "大多数游客在夏天到来，那时山路上已经没有积雪。",
        "街角的面包店由同一个家庭经营了四十多年。",
        "上周末，志愿者在河岸收集了将近两吨塑料垃圾。",
        "博物馆新馆展出了在古港口遗址出土的工具和陶器。",
        "地区火车票价将从一月起上涨百分之三。",
        "学校菜园教孩子们种植西红柿、豆子和香草。",
        "暴雨导致两个街区出现轻微内涝，但无人受伤。",
        "自从修建了受保护的自行车道，骑车上班的人越来越多。",
        "这个菜谱需要新鲜罗勒、成熟的西红柿、橄榄油和少许盐。",
    ],
}

TITLES = {
    "en": ["Library to stay open longer", "A difficult spring for orchards", "New tram line on schedule",
           "Weekend river clean-up", "Festival programme announced", "Notes from the town hall"],
    "de": ["Bibliothek öffnet länger", "Schwieriges Frühjahr für Obstbauern", "Neue Straßenbahn im Zeitplan",
           "Aufräumaktion am Fluss", "Festivalprogramm vorgestellt"],
    "fr": ["La bibliothèque ouvrira plus tard", "Un printemps difficile pour les vergers",
           "Le tramway dans les temps", "Grand nettoyage de la rivière"],
    "es": ["La biblioteca amplía su horario", "Una primavera difícil para los frutales",
           "El tranvía avanza según lo previsto", "Limpieza del río este fin de semana"],
    "it": ["La biblioteca allunga gli orari", "Una primavera difficile per i frutteti",
           "Il tram rispetta i tempi", "Pulizia del fiume nel fine settimana"],
    "pt": ["Biblioteca alarga horário", "Uma primavera difícil para os pomares", "Elétrico dentro do prazo",
           "Limpeza do rio no fim de semana"],
    "nl": ["Bibliotheek langer open", "Lastig voorjaar voor fruittelers", "Nieuwe tramlijn op schema",
           "Schoonmaakactie langs de rivier"],
    "ja": ["図書館の開館時間延長", "果樹園にとって厳しい春", "新路面電車は予定通り", "週末の川の清掃活動"],
    "hi": ["पुस्तकालय देर तक खुलेगा", "बागानों के लिए कठिन वसंत", "नदी सफ़ाई अभियान"],
    "zh": ["图书馆延长开放时间", "果园艰难的春天", "周末河岸清洁活动"],
}

EMAIL_LINES = {
    "en": (["Hi all,", "Hello team,", "Dear colleagues,", "Hi Sam,"],
           ["Quick update on the office move: the new desks arrive on Monday.",
            "Please remember to submit your timesheets by Friday noon.",
            "The quarterly all-hands is moved to the large meeting room on the third floor.",
            "We still need two volunteers for the booth at the trade fair.",
            "The printer on the second floor is fixed and working again.",
            "Lunch on Thursday is on the company, so please don't bring food.",
            "The wiki page with the onboarding checklist has been updated.",
            "Parking in the back lot will be closed for resurfacing next week."],
           ["Thanks,", "Best regards,", "Cheers,", "Kind regards,"]),
    "de": (["Hallo zusammen,", "Liebe Kolleginnen und Kollegen,", "Hi Team,"],
           ["Kurzes Update zum Umzug: Die neuen Schreibtische kommen am Montag.",
            "Bitte denkt daran, eure Stundenzettel bis Freitagmittag abzugeben.",
            "Die Betriebsversammlung findet im großen Besprechungsraum im dritten Stock statt.",
            "Für den Messestand suchen wir noch zwei Freiwillige.",
            "Der Drucker im zweiten Stock funktioniert wieder.",
            "Die Wiki-Seite mit der Onboarding-Checkliste wurde aktualisiert."],
           ["Viele Grüße,", "Beste Grüße,", "LG,"]),
    "fr": (["Bonjour à tous,", "Chers collègues,", "Salut l'équipe,"],
           ["Petit point sur le déménagement : les nouveaux bureaux arrivent lundi.",
            "Merci d'envoyer vos feuilles de temps avant vendredi midi.",
            "La réunion trimestrielle aura lieu dans la grande salle du troisième étage.",
            "Nous cherchons encore deux volontaires pour le stand du salon.",
            "L'imprimante du deuxième étage fonctionne de nouveau.",
            "La page wiki d'intégration a été mise à jour."],
           ["Bonne journée,", "Cordialement,", "Merci,"]),
    "es": (["Hola a todos,", "Estimados compañeros,", "Hola equipo,"],
           ["Novedades sobre la mudanza: las mesas nuevas llegan el lunes.",
            "Recordad enviar las hojas de horas antes del viernes a mediodía.",
            "La reunión trimestral será en la sala grande de la tercera planta.",
            "Aún necesitamos dos voluntarios para el stand de la feria.",
            "La impresora de la segunda planta ya funciona.",
            "Hemos actualizado la página de la wiki con la lista de bienvenida."],
           ["Saludos,", "Un abrazo,", "Gracias,"]),
    "it": (["Ciao a tutti,", "Gentili colleghi,", "Ciao team,"],
           ["Aggiornamento sul trasloco: le nuove scrivanie arrivano lunedì.",
            "Ricordatevi di inviare i fogli ore entro venerdì a mezzogiorno.",
            "La riunione trimestrale si terrà nella sala grande al terzo piano.",
            "Servono ancora due volontari per lo stand alla fiera.",
            "La stampante del secondo piano funziona di nuovo."],
           ["Saluti,", "Cordiali saluti,", "Grazie,"]),
    "pt": (["Olá a todos,", "Caros colegas,", "Oi pessoal,"],
           ["Novidades sobre a mudança: as mesas novas chegam na segunda-feira.",
            "Lembrem-se de enviar as folhas de horas até sexta ao meio-dia.",
            "A reunião trimestral será na sala grande do terceiro andar.",
            "Ainda precisamos de dois voluntários para o stand da feira.",
            "A impressora do segundo andar voltou a funcionar."],
           ["Abraços,", "Cumprimentos,", "Obrigado,"]),
    "nl": (["Hoi allemaal,", "Beste collega's,", "Hallo team,"],
           ["Even een update over de verhuizing: de nieuwe bureaus komen maandag.",
            "Vergeet niet je urenbriefje vóór vrijdagmiddag in te leveren.",
            "De kwartaalbijeenkomst is in de grote zaal op de derde verdieping.",
            "We zoeken nog twee vrijwilligers voor de stand op de beurs.",
            "De printer op de tweede verdieping doet het weer."],
           ["Groeten,", "Met vriendelijke groet,", "Dank je,"]),
    "ja": (["皆さん、お疲れさまです。", "チームの皆さんへ"],
           ["オフィス移転の件ですが、新しい机は月曜日に届きます。",
            "勤務表は金曜日の正午までに提出してください。",
            "四半期の全体会議は三階の大会議室で行います。",
            "展示会のブースにあと二人ボランティアが必要です。",
            "二階のプリンターは修理が終わりました。"],
           ["よろしくお願いします。", "以上です。"]),
    "hi": (["नमस्ते सभी,", "प्रिय साथियों,"],
           ["दफ्तर बदलने के बारे में: नई मेज़ें सोमवार को आएँगी।",
            "कृपया शुक्रवार दोपहर तक अपनी टाइमशीट जमा करें।",
            "तिमाही बैठक तीसरी मंज़िल के बड़े कमरे में होगी।"],
           ["धन्यवाद,", "सादर,"]),
    "zh": (["大家好，", "各位同事："],
           ["关于搬迁的最新消息：新办公桌周一到货。",
            "请在周五中午前提交工时表。",
            "季度全员大会改在三楼大会议室举行。",
            "展会展位还需要两名志愿者。"],
           ["谢谢！", "此致"]),
}


def article(rng, lang: str, target_chars: int) -> str:
    sents = SENTENCES[lang]
    sep = "" if lang in ("ja", "zh") else " "
    paras = []
    total = 0
    title = rng.choice(TITLES[lang])
    while total < target_chars:
        k = rng.randint(3, 6)
        p = sep.join(rng.choice(sents) for _ in range(k))
        paras.append(p)
        total += len(p) + 2
    return title + "\n\n" + "\n\n".join(paras)


def short_sentence(rng, lang: str) -> str:
    return rng.choice(SENTENCES[lang])


def office_email(rng, lang: str, n_lines: int | None = None, signature: str | None = None) -> str:
    greet, lines, close = EMAIL_LINES[lang]
    n = n_lines or rng.randint(2, 4)
    body = rng.sample(lines, min(n, len(lines)))
    sig = signature if signature is not None else rng.choice(["Sam", "Alex", "Kim", "Robin", "Chris"])
    return rng.choice(greet) + "\n\n" + "\n".join(body) + "\n\n" + rng.choice(close) + "\n" + sig


_NEIGHBOURS = {}
for row in ["qwertyuiop", "asdfghjkl", "zxcvbnm"]:
    for i, ch in enumerate(row):
        _NEIGHBOURS[ch] = row[max(0, i - 1) : i] + row[i + 1 : i + 2]


def typoify(rng, text: str, rate: float = 0.12) -> str:
    """Plausible keyboard slips: swapped, dropped, doubled or neighbouring letters."""
    out = []
    for word in text.split(" "):
        if len(word) > 3 and rng.random() < rate:
            i = rng.randrange(1, len(word) - 1)
            op = rng.random()
            if op < 0.3:
                word = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
            elif op < 0.55:
                word = word[:i] + word[i + 1 :]
            elif op < 0.75:
                word = word[:i] + word[i] + word[i:]
            elif word[i].lower() in _NEIGHBOURS and _NEIGHBOURS[word[i].lower()]:
                word = word[:i] + rng.choice(_NEIGHBOURS[word[i].lower()]) + word[i + 1 :]
        out.append(word)
    return " ".join(out)


def typoify_cjk(rng, text: str, rate: float = 0.06) -> str:
    out = []
    for ch in text:
        r = rng.random()
        if r < rate / 2:
            continue
        out.append(ch)
        if r > 1 - rate / 2:
            out.append(ch)
    return "".join(out)


def with_typos(rng, lang: str, text: str) -> str:
    return typoify_cjk(rng, text) if lang in ("ja", "zh") else typoify(rng, text)


# ---------------------------------------------------------------------------------------------
# logs

_SERVICES = ["api-gateway", "checkout", "inventory", "auth", "search", "billing", "notifier", "scheduler",
             "ingest-worker", "render", "payments", "catalog"]
_LOG_MESSAGES = [
    ("INFO", "request completed method=GET path=/v1/items/{n} status=200 duration_ms={ms}"),
    ("INFO", "request completed method=POST path=/v1/orders status=201 duration_ms={ms}"),
    ("INFO", "cache hit ratio={ratio} keys={n}"),
    ("INFO", "worker {n} picked up job id={uuid}"),
    ("INFO", "scheduled task 'compact-segments' finished in {ms}ms"),
    ("INFO", "connected to broker at {ip}:5672"),
    ("INFO", "config reloaded version={semver}"),
    ("WARN", "slow query took {ms}ms: SELECT * FROM orders WHERE status = $1 LIMIT 100"),
    ("WARN", "retrying upstream call attempt={small} backoff_ms={ms}"),
    ("WARN", "connection pool exhausted, waiting (active={n}, idle=0)"),
    ("WARN", "disk usage at {pct}% on /var/lib/data"),
    ("WARN", "circuit breaker half-open for upstream=inventory"),
    ("ERROR", "upstream timed out after {ms}ms path=/v1/stock/{n}"),
    ("ERROR", "failed to acquire lock resource=order:{n} holder={uuid}"),
    ("ERROR", "deadline exceeded while waiting for response from {ip}:8443"),
    ("ERROR", "payment provider returned 502 Bad Gateway request_id={uuid}"),
    ("DEBUG", "span finished trace_id={hex} span_id={hex16} name=db.query"),
    ("DEBUG", "gc pause {small}.{n}ms heap={n}MB"),
    ("INFO", "health check ok latency_ms={small}"),
    ("INFO", "deployed build {sha} to canary (5%)"),
]


def _log_fill(rng, template: str) -> str:
    return template.format(
        n=rng.randint(1, 99999),
        ms=rng.randint(3, 30000),
        ratio=round(rng.random(), 3),
        uuid=pii.uuid4(rng),
        ip=pii.doc_ip(rng),
        semver=pii.semver(rng),
        small=rng.randint(1, 9),
        pct=rng.randint(70, 99),
        hex=pii.chars(rng, pii.HEX, 32),
        hex16=pii.chars(rng, pii.HEX, 16),
        sha=pii.git_sha(rng, short=True),
    )


def _timestamp(rng, base_s: int, i: int, style: int) -> str:
    s = base_s + i * rng.randint(0, 3)
    hh, mm, ss = (s // 3600) % 24, (s // 60) % 60, s % 60
    ms = rng.randint(0, 999)
    if style == 0:
        return f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T{hh:02d}:{mm:02d}:{ss:02d}.{ms:03d}Z"
    if style == 1:
        return f"{hh:02d}:{mm:02d}:{ss:02d}.{ms:03d}"
    return f"Mar {rng.randint(1, 28):2d} {hh:02d}:{mm:02d}:{ss:02d}"


def app_log(rng, target_chars: int, extra_lines: list[str] | None = None) -> str:
    style = rng.randrange(4)
    base = rng.randint(0, 80000)
    lines = []
    total = 0
    i = 0
    while total < target_chars:
        level, msg = rng.choice(_LOG_MESSAGES)
        svc = rng.choice(_SERVICES)
        body = _log_fill(rng, msg)
        ts = _timestamp(rng, base, i, style % 3)
        if style == 3:
            line = json.dumps({"ts": ts, "level": level.lower(), "service": svc, "msg": body})
        elif style == 2:
            line = f"{ts} {svc}[{rng.randint(100, 9999)}]: {level} {body}"
        else:
            line = f"{ts} {level:5s} [{svc}] {body}"
        lines.append(line)
        total += len(line) + 1
        i += 1
        if level == "ERROR" and rng.random() < 0.25:
            tb = python_traceback(rng)
            lines.append(tb)
            total += len(tb)
    if extra_lines:
        for extra in extra_lines:
            lines.insert(rng.randrange(len(lines) + 1), extra)
    return "\n".join(lines)


def access_log(rng, target_chars: int) -> str:
    paths = ["/", "/index.html", "/api/v2/products?page={n}", "/static/app.{hex}.js", "/login", "/healthz",
             "/api/v2/cart", "/images/banner-{n}.webp", "/robots.txt", "/api/v2/search?q=shoes"]
    agents = ["Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36", "curl/8.5.0", "Go-http-client/2.0",
              "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X)", "kube-probe/1.29"]
    lines = []
    total = 0
    while total < target_chars:
        p = rng.choice(paths).format(n=rng.randint(1, 400), hex=pii.chars(rng, pii.HEX, 8))
        status = rng.choice([200, 200, 200, 200, 304, 301, 404, 500, 502, 429])
        line = (
            f'{pii.doc_ip(rng)} - - [12/Mar/2024:{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:'
            f'{rng.randint(0, 59):02d} +0000] "{rng.choice(["GET", "GET", "POST", "HEAD"])} {p} HTTP/1.1" '
            f'{status} {rng.randint(0, 90000)} "-" "{rng.choice(agents)}"'
        )
        lines.append(line)
        total += len(line) + 1
    return "\n".join(lines)


def python_traceback(rng) -> str:
    frames = [
        ('File "/app/service/handlers.py", line {n}, in create_order', "    order = repo.save(payload)"),
        ('File "/app/service/repo.py", line {n}, in save', "    cur.execute(INSERT_ORDER, params)"),
        ('File "/usr/lib/python3.11/site-packages/psycopg/cursor.py", line {n}, in execute',
         "    raise ex.with_traceback(None)"),
        ('File "/app/service/clients/stock.py", line {n}, in reserve', "    resp.raise_for_status()"),
        ('File "/app/worker/tasks.py", line {n}, in run', "    result = await asyncio.wait_for(fut, timeout)"),
    ]
    errors = [
        "psycopg.errors.UniqueViolation: duplicate key value violates unique constraint \"orders_pkey\"",
        "TimeoutError",
        "KeyError: 'sku'",
        "httpx.HTTPStatusError: Server error '503 Service Unavailable'",
        "ValueError: invalid literal for int() with base 10: ''",
    ]
    k = rng.randint(2, 4)
    out = ["Traceback (most recent call last):"]
    for f, code in rng.sample(frames, k):
        out.append("  " + f.format(n=rng.randint(10, 600)))
        out.append(code)
    out.append(rng.choice(errors))
    return "\n".join(out)


def java_stacktrace(rng) -> str:
    pk = rng.choice(["com.shop.orders", "io.acme.billing", "org.example.sync"])
    lines = [f"Exception in thread \"pool-{rng.randint(1, 9)}-thread-{rng.randint(1, 40)}\" "
             + rng.choice(["java.lang.NullPointerException", "java.util.ConcurrentModificationException",
                           "java.lang.IllegalStateException: Connection is closed"])]
    for cls in rng.sample(["OrderService", "InvoiceJob", "SyncWorker", "Repository", "EventBus", "Scheduler"], 4):
        lines.append(f"\tat {pk}.{cls}.{rng.choice(['run', 'process', 'handle', 'flush'])}({cls}.java:{rng.randint(20, 900)})")
    lines.append("\tat java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1144)")
    return "\n".join(lines)


def k8s_events(rng, target_chars: int) -> str:
    kinds = [
        "Warning  BackOff    pod/{svc}-{h}  Back-off restarting failed container {svc}",
        "Normal   Pulled     pod/{svc}-{h}  Container image \"registry.internal/{svc}:{v}\" already present",
        "Warning  Unhealthy  pod/{svc}-{h}  Readiness probe failed: HTTP probe failed with statuscode: 503",
        "Normal   Scheduled  pod/{svc}-{h}  Successfully assigned prod/{svc}-{h} to node-{n}",
        "Warning  OOMKilled  pod/{svc}-{h}  Container {svc} exceeded memory limit (512Mi)",
        "Normal   ScalingReplicaSet  deployment/{svc}  Scaled up replica set {svc}-{h} to {n}",
    ]
    out = ["LAST SEEN   TYPE     REASON     OBJECT   MESSAGE"]
    total = 0
    while total < target_chars:
        line = f"{rng.randint(1, 59)}m  " + rng.choice(kinds).format(
            svc=rng.choice(_SERVICES), h=pii.chars(rng, string.ascii_lowercase + string.digits, 5),
            v=pii.semver(rng), n=rng.randint(1, 12))
        out.append(line)
        total += len(line) + 1
    return "\n".join(out)


def any_log(rng, target_chars: int) -> str:
    r = rng.random()
    if r < 0.55:
        return app_log(rng, target_chars)
    if r < 0.8:
        return access_log(rng, target_chars)
    return k8s_events(rng, target_chars)


# ---------------------------------------------------------------------------------------------
# code

_IDENTS = ["order", "invoice", "user_count", "item", "record", "batch", "entry", "payload", "event", "account",
           "report", "sample", "node", "task", "ticket", "shipment", "session_state", "metric"]


def _ident(rng):
    return rng.choice(_IDENTS)


_PY_FUNCS = [
    '''def load_{a}s(path):
    """Read {a}s from a JSON lines file."""
    {a}s = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if not line:
                continue
            {a}s.append(json.loads(line))
    return {a}s
''',
    '''def group_by_{b}({a}s):
    groups = defaultdict(list)
    for {a} in {a}s:
        groups[{a}["{b}"]].append({a})
    return dict(groups)
''',
    '''class {A}Cache:
    def __init__(self, ttl_seconds={n}):
        self.ttl = ttl_seconds
        self._data = {{}}
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            entry = self._data.get(key)
        if entry is None:
            return None
        value, stamp = entry
        if time.monotonic() - stamp > self.ttl:
            del self._data[key]
            return None
        return value

    def put(self, key, value):
        self._data[key] = (value, time.monotonic())
''',
    '''async def fetch_{a}(client, {a}_id, retries={m}):
    for attempt in range(retries):
        try:
            resp = await client.get(f"/api/{a}s/{{{a}_id}}", timeout=5)
            resp.raise_for_status()
            return resp.json()
        except httpx.HTTPError:
            await asyncio.sleep(2 ** attempt)
    raise RuntimeError(f"giving up on {{{a}_id}}")
''',
    '''def moving_average(values, window={m}):
    if window <= 0:
        raise ValueError("window must be positive")
    out = []
    total = 0.0
    for i, v in enumerate(values):
        total += v
        if i >= window:
            total -= values[i - window]
        out.append(total / min(i + 1, window))
    return out
''',
    '''def parse_{a}_line(line):
    parts = line.rstrip("\\n").split(";")
    if len(parts) != {m}:
        raise ValueError(f"expected {m} fields, got {{len(parts)}}")
    return {{"id": int(parts[0]), "name": parts[1], "amount": Decimal(parts[2])}}
''',
    '''@app.route("/{a}s/<int:{a}_id>", methods=["GET"])
def get_{a}({a}_id):
    {a} = db.session.get({A}, {a}_id)
    if {a} is None:
        abort(404)
    return jsonify({a}.to_dict())
''',
    '''def retry(times={m}, delay=0.{n}):
    def wrap(fn):
        @functools.wraps(fn)
        def inner(*args, **kwargs):
            last = None
            for _ in range(times):
                try:
                    return fn(*args, **kwargs)
                except Exception as exc:  # noqa: BLE001
                    last = exc
                    time.sleep(delay)
            raise last
        return inner
    return wrap
''',
]

_JS_FUNCS = [
    '''export async function load{A}s(api, page = 1) {{
  const res = await fetch(`${{api}}/{a}s?page=${{page}}`);
  if (!res.ok) throw new Error(`HTTP ${{res.status}}`);
  const body = await res.json();
  return body.items.map((x) => ({{ ...x, loadedAt: Date.now() }}));
}}
''',
    '''function debounce(fn, ms = {n}) {{
  let timer = null;
  return (...args) => {{
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  }};
}}
''',
    '''const {a}Reducer = (state = initialState, action) => {{
  switch (action.type) {{
    case "{a}/added":
      return {{ ...state, items: [...state.items, action.payload] }};
    case "{a}/removed":
      return {{ ...state, items: state.items.filter((i) => i.id !== action.payload) }};
    default:
      return state;
  }}
}};
''',
    '''export function useThrottled{A}(value, delay = {n}) {{
  const [out, setOut] = useState(value);
  const last = useRef(0);
  useEffect(() => {{
    const now = Date.now();
    if (now - last.current >= delay) {{
      last.current = now;
      setOut(value);
    }}
  }}, [value, delay]);
  return out;
}}
''',
]

_GO_FUNCS = [
    '''func (s *{A}Store) Get(ctx context.Context, id int64) (*{A}, error) {{
	s.mu.RLock()
	defer s.mu.RUnlock()
	item, ok := s.items[id]
	if !ok {{
		return nil, ErrNotFound
	}}
	return item, nil
}}
''',
    '''func worker(ctx context.Context, jobs <-chan Job, results chan<- Result) {{
	for {{
		select {{
		case <-ctx.Done():
			return
		case j, ok := <-jobs:
			if !ok {{
				return
			}}
			results <- process(j)
		}}
	}}
}}
''',
    '''func (h *Handler) Create{A}(w http.ResponseWriter, r *http.Request) {{
	var req create{A}Request
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {{
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}}
	id, err := h.store.Insert(r.Context(), req.to{A}())
	if err != nil {{
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}}
	w.WriteHeader(http.StatusCreated)
	_ = json.NewEncoder(w).Encode(map[string]int64{{"id": id}})
}}
''',
]

_RUST_FUNCS = [
    '''pub fn parse_{a}(input: &str) -> Result<{A}, ParseError> {{
    let mut fields = input.split(',');
    let id = fields.next().ok_or(ParseError::Missing("id"))?.trim().parse()?;
    let name = fields.next().ok_or(ParseError::Missing("name"))?.trim().to_owned();
    Ok({A} {{ id, name }})
}}
''',
    '''impl {A}Queue {{
    pub fn push(&self, item: {A}) {{
        let mut guard = self.inner.lock().unwrap();
        guard.push_back(item);
        self.cond.notify_one();
    }}

    pub fn pop(&self) -> {A} {{
        let mut guard = self.inner.lock().unwrap();
        while guard.is_empty() {{
            guard = self.cond.wait(guard).unwrap();
        }}
        guard.pop_front().unwrap()
    }}
}}
''',
]

_JAVA_FUNCS = [
    '''public class {A}Service {{
    private final Map<Long, {A}> cache = new HashMap<>();
    private final {A}Repository repository;

    public {A}Service({A}Repository repository) {{
        this.repository = repository;
    }}

    public {A} find(long id) {{
        return cache.computeIfAbsent(id, repository::load);
    }}

    public void evictAll() {{
        for (Long key : cache.keySet()) {{
            cache.remove(key);
        }}
    }}
}}
''',
]

_SQL = [
    '''SELECT c.region, date_trunc('month', o.created_at) AS month, SUM(o.total) AS revenue
FROM orders o
JOIN customers c ON c.id = o.customer_id
WHERE o.status = 'paid' AND o.created_at >= now() - interval '{n} days'
GROUP BY 1, 2
ORDER BY 1, 2;
''',
    '''CREATE TABLE {a}s (
    id BIGSERIAL PRIMARY KEY,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    status TEXT NOT NULL CHECK (status IN ('new', 'active', 'closed')),
    amount NUMERIC(12, 2) NOT NULL
);
CREATE INDEX {a}s_status_idx ON {a}s (status, created_at);
''',
]

_CODE_HEADERS = {
    "py": "import asyncio\nimport functools\nimport json\nimport threading\nimport time\nfrom collections import defaultdict\nfrom decimal import Decimal\n\nimport httpx\n",
    "js": "import { useEffect, useRef, useState } from \"react\";\n",
    "go": "package store\n\nimport (\n\t\"context\"\n\t\"encoding/json\"\n\t\"net/http\"\n\t\"sync\"\n)\n",
    "rs": "use std::collections::VecDeque;\nuse std::sync::{Condvar, Mutex};\n",
    "java": "package com.example.service;\n\nimport java.util.HashMap;\nimport java.util.Map;\n",
    "sql": "-- reporting queries\n",
}
_CODE_POOLS = {"py": _PY_FUNCS, "js": _JS_FUNCS, "go": _GO_FUNCS, "rs": _RUST_FUNCS, "java": _JAVA_FUNCS, "sql": _SQL}


def _fill_code(rng, tpl: str) -> str:
    a = _ident(rng)
    b = rng.choice(["status", "region", "owner", "kind", "priority"])
    camel = "".join(p.capitalize() for p in a.split("_"))
    return tpl.format(a=a, A=camel, b=b, n=rng.randint(2, 900), m=rng.randint(2, 6))


def code_snippet(rng, lang: str | None = None) -> tuple[str, str]:
    lang = lang or rng.choice(["py", "py", "py", "js", "go", "rs", "java", "sql"])
    return lang, _fill_code(rng, rng.choice(_CODE_POOLS[lang]))


def code_file(rng, target_chars: int, lang: str | None = None, inject: list[str] | None = None) -> tuple[str, str]:
    lang = lang or rng.choice(["py", "py", "js", "go", "rs", "java"])
    parts = [_CODE_HEADERS[lang]]
    total = len(parts[0])
    pool = _CODE_POOLS[lang]
    while total < target_chars:
        snippet = _fill_code(rng, rng.choice(pool))
        parts.append(snippet)
        total += len(snippet) + 1
    if inject:
        for extra in inject:
            parts.insert(rng.randint(1, len(parts)), extra)
    return lang, "\n".join(parts)


# ---------------------------------------------------------------------------------------------
# tables and config

def csv_table(rng, target_chars: int) -> str:
    kind = rng.randrange(4)
    if kind == 0:
        head = "sku,product,category,price_eur,stock"
        cats = ["kitchen", "garden", "office", "toys", "outdoor", "lighting"]
        nouns = ["kettle", "lamp", "chair", "hose", "notebook", "tent", "puzzle", "mug", "rake", "desk"]
        row = lambda: f"{pii.chars(rng, pii.UPPER, 3)}-{pii.digits(rng, 4)},{rng.choice(['basic', 'deluxe', 'mini', 'pro'])} {rng.choice(nouns)},{rng.choice(cats)},{rng.randint(3, 400)}.{rng.randint(0, 99):02d},{rng.randint(0, 900)}"  # noqa: E731
    elif kind == 1:
        head = "timestamp,sensor_id,temperature_c,humidity_pct,battery_v"
        row = lambda: f"2024-05-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00Z,S-{rng.randint(1, 40):03d},{rng.uniform(-5, 35):.2f},{rng.uniform(20, 95):.1f},{rng.uniform(3.0, 4.2):.2f}"  # noqa: E731
    elif kind == 2:
        head = "region,quarter,units,revenue,returns"
        regions = ["North", "South", "East", "West", "Central", "DACH", "Benelux", "Iberia", "Nordics"]
        row = lambda: f"{rng.choice(regions)},Q{rng.randint(1, 4)} 202{rng.randint(2, 5)},{rng.randint(100, 90000)},{rng.randint(1000, 9000000)},{rng.randint(0, 900)}"  # noqa: E731
    else:
        head = "host,cpu_pct,mem_pct,disk_pct,p99_ms,errors"
        row = lambda: f"node-{rng.randint(1, 64):02d},{rng.uniform(1, 99):.1f},{rng.uniform(10, 98):.1f},{rng.uniform(5, 99):.1f},{rng.randint(5, 4000)},{rng.randint(0, 300)}"  # noqa: E731
    lines = [head]
    total = len(head)
    while total < target_chars:
        r = row()
        lines.append(r)
        total += len(r) + 1
    return "\n".join(lines)


def json_doc(rng, target_chars: int) -> str:
    items = []
    total = 0
    while total < target_chars:
        item = {
            "id": pii.uuid4(rng),
            "sku": f"{pii.chars(rng, pii.UPPER, 3)}-{pii.digits(rng, 4)}",
            "status": rng.choice(["active", "pending", "archived", "backordered"]),
            "price": {"amount": round(rng.uniform(1, 500), 2), "currency": rng.choice(["EUR", "USD", "GBP"])},
            "tags": rng.sample(["new", "sale", "eco", "bundle", "limited", "import"], rng.randint(0, 3)),
            "updated_at": f"2024-0{rng.randint(1, 9)}-{rng.randint(10, 28)}T{rng.randint(10, 23)}:00:00Z",
        }
        s = json.dumps(item)
        items.append(item)
        total += len(s) + 8
    return json.dumps({"items": items, "page": 1, "next": None}, indent=2)


def yaml_doc(rng, secret_block: str | None = None) -> str:
    svc = rng.choice(_SERVICES)
    kind = rng.randrange(3)
    if kind == 0:
        env = secret_block or (
            "        env:\n"
            "          - name: DATABASE_URL\n"
            "            valueFrom:\n"
            "              secretKeyRef:\n"
            f"                name: {svc}-db\n"
            "                key: url\n"
            "          - name: LOG_LEVEL\n"
            "            value: info\n"
        )
        return (
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n"
            f"  name: {svc}\n  labels:\n    app: {svc}\nspec:\n  replicas: {rng.randint(1, 6)}\n"
            f"  selector:\n    matchLabels:\n      app: {svc}\n  template:\n    metadata:\n      labels:\n        app: {svc}\n"
            "    spec:\n      containers:\n"
            f"      - name: {svc}\n        image: registry.internal/{svc}:{pii.semver(rng)}\n"
            f"        ports:\n          - containerPort: {rng.choice([8080, 8000, 3000, 9090])}\n"
            f"        resources:\n          limits:\n            memory: {rng.choice(['256Mi', '512Mi', '1Gi'])}\n            cpu: {rng.choice(['250m', '500m', '1'])}\n"
            + env
        )
    if kind == 1:
        env = secret_block or "      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n"
        return (
            "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_DB: app\n"
            + env
            + "    volumes:\n      - db-data:/var/lib/postgresql/data\n"
            f"  {svc}:\n    build: .\n    depends_on: [db]\n    ports:\n      - \"{rng.choice([8080, 8000, 3000])}:8080\"\n"
            "volumes:\n  db-data: {}\n"
        )
    env = secret_block or "        env:\n          API_TOKEN: ${{ secrets.API_TOKEN }}\n"
    return (
        f"name: ci\non:\n  push:\n    branches: [main]\n  pull_request:\njobs:\n  test:\n    runs-on: ubuntu-latest\n"
        "    steps:\n      - uses: actions/checkout@v4\n      - uses: actions/setup-python@v5\n        with:\n"
        f"          python-version: \"3.{rng.randint(10, 12)}\"\n      - run: pip install -r requirements.txt\n"
        "      - run: pytest -q\n" + env
    )
