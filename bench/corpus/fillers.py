"""Slot values for the corpus templates: realistic, valid-looking, and reproducible.

Every identifier is synthetic: SSNs follow the SSA rules but are drawn at random, card
numbers pass Luhn with a test-network prefix, routing numbers pass the ABA checksum. Seven
pools exist for names and places: ``dev`` (tuning), ``heldout`` (never tuned on),
``heldout3``, ``heldout4``, ``heldout5``, ``heldout6`` and ``heldout7`` (each chosen by a
writer who had not seen the engine). The held-out pool leans on rarer and newer names that
are not in the engine's gazetteers, so its person figures measure context, not list lookups;
the third to seventh pools have their own names, streets, cities, far places, employers and
medical conditions, none shared with any other pool.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field

import phonenumbers


def _words(text: str) -> list[str]:
    return text.split()


# --- people ---------------------------------------------------------------------------------

DEV_FIRST = _words(
    """
    Jayden Mia Noah Sophia Liam Emma Mateo Isabella Elijah Olivia Aiden Camila Ethan Ava Daniel
    Valentina Josiah Sofia Angel Emily Adrian Ximena David Abigail Sebastian Natalie Jacob Victoria
    Michael Layla Joshua Genesis Anthony Aaliyah Christopher Brianna Jonathan Ashley Kevin Jessica
    Brandon Jasmine Marcus Destiny Andre Monique Tyrone Keisha Carlos Maria Jose Guadalupe Juan
    Alejandra Luis Fernanda Miguel Daniela Jesus Mariana Diego Yesenia Francisco Leticia Ricardo
    Gabriela Eduardo Marisol Javier Araceli Roberto Veronica Julian Alondra Isaac Nayeli Nathan
    Brenda Justin Karla Tyler Stephanie Austin Crystal Dylan Amber Kayden Samantha Ryan Melissa
    """
)
DEV_LAST = _words(
    """
    Garcia Rodriguez Martinez Hernandez Lopez Gonzalez Perez Sanchez Ramirez Torres Flores Rivera
    Gomez Diaz Reyes Morales Cruz Ortiz Gutierrez Chavez Ramos Ruiz Mendoza Alvarez Castillo Jimenez
    Moreno Romero Herrera Medina Aguilar Vargas Castro Guzman Fernandez Salazar Smith Johnson
    Williams Brown Jones Miller Davis Wilson Anderson Thomas Taylor Moore Jackson Martin Lee
    Thompson White Harris Clark Lewis Robinson Walker Young Allen King Wright Scott Hill Green Adams
    Baker Nelson Carter Mitchell Roberts Turner Phillips Campbell Parker Evans Edwards Collins
    Stewart Morris Nguyen Tran Washington Coleman Jenkins Bryant Freeman Pham
    """
)
# Held-out: newer and rarer spellings, many absent from any census list.
HELDOUT_FIRST = _words(
    """
    Kaysen Jaxtyn Zaylee Oaklynn Brixton Nayelii Itzayana Jazlynn Kamdyn Rylynn Aubrielle Xzavier
    Jamarion Ka'Niyah Dae'Shawn Yaretzi Quetzalli Citlaly Dulce Eithan Iker Thiago Yahir Jhonatan
    Brayan Dayanna Kimberlyn Jeyden Aylin Arely Joselyn Daleyza Kenzie Paisleigh Lennox Zuri Amari
    Nevaeh Royalty Legend Messiah Khalani Journee Ahmir Kairo Maverick Bentley Emberly Josiah Zoey
    Marisela Itzel Uriel Osvaldo Rubi Yoselin Maximus Ezequiel Karely Elian
    """
)
HELDOUT_LAST = _words(
    """
    Villalobos Zepeda Quintanilla Arreola Bañuelos Ceja Magaña Ochoa Galindo Tovar Barajas Cisneros
    Espinoza Valdovinos Montoya Carrizales Ybarra Jauregui Loera Huerta Hollins Okafor Abernathy
    Whitfield Pettaway Blackwell Dunlap Tillman Kowalski Nakamura Vang Xiong Thao Lor Her Moua Singh
    Kaur Sandhu Gill Dhillon Petrosyan Hakobyan Grigoryan McBride Cortez
    """
)
# Third held-out pool (written blind): everyday and modern US names, Latino, Black American,
# Vietnamese, Hmong, Filipino, Punjabi, Armenian, Arab and Slavic names, none in the pools
# above. Some are also ordinary words (Abril, Luna, Nova, Hazel, Trinity).
HELDOUT3_FIRST = _words(
    """
    Harper Everly Greyson Colton Brooklyn Addison Hunter Madison Chloe Savannah Wyatt Easton
    Ryder Kinsley Hadley Raelynn Braylon Kash Tatum Kyrie Nova Luna Skylar Hazel Declan Yaritza
    Xiomara Jocelyn Esmeralda Rogelio Efrain Nestor Abril Yadira Heriberto Lupita Gerardo Armando
    Rigoberto Maite Santiago Emiliano Valeria Renata Joaquin Alexa Jimena Brisa Yamileth Edgar
    Leonel Ulises Thanh Huong Minh Linh Bao Mai Priya Arjun Gurpreet Harjit Manpreet Tou Nou
    Chue Yer Jomar Rowena Aldrin DeShawn Jaquan Tamika Latoya Shaniqua Darnell Kareem Imani
    Jaylen Tyreek Makayla Keyshawn Trinity Deja Jabari Malik Shanice LaDonna Terrell Kiara Armen
    Narek Anush Tigran Lilit Gevorg Sona Hayk Arpi Vahe Omar Yusuf Amina Oksana Vitaliy
    """
)
HELDOUT3_LAST = _words(
    """
    Nava Orozco Zavala Carrillo Solorio Ayala Bautista Camacho Cardenas Lozano Maldonado Navarro
    Pacheco Quiroz Rosales Saucedo Trujillo Velasquez Zamora Muñoz Peña Robles Tapia Estrada
    Serrano Avila Bustos Godinez Mayfield Pettiford Gaines Rucker Dorsey Merriweather Ellison
    Holloway Bledsoe Gentry Hargrove Stokes Thibodeaux Fontenot Le Vo Huynh Dang Truong Bui Ly
    Yang Vue Chang Wong Huang Tanaka Patel Sharma Grewal Sidhu Bains Santos Villanueva Pascual
    Sargsyan Avetisyan Karapetyan Harutyunyan Mkrtchyan Babayan Gasparyan Manukyan Haddad
    Kovalenko
    """
)
HELDOUT3_LAST.append("Dela Cruz")  # two words, so not in the string above
# Fourth held-out pool (written blind): modern US, Latino, Black American, Vietnamese,
# Korean, Chinese, Hmong, Filipino, Punjabi and Armenian names, none in the pools above.
# Some are also ordinary words or places (Ebony, Paisley, Journey, Sage, Eden, Ivory).
HELDOUT4_FIRST = _words(
    """
    Oakley Rowan Sutton Beckett Briar Maddox Lainey Paxton Remington Kinley Sage Eden Journey
    Paisley Ryker Waylon Anahi Yesica Jaziel Itzamar Dariela Yovani Misael Betzaida Eliseo
    Fabiola Graciela Wendolyn Obed Yahaira Ernesto Reynaldo Xochitl Nohemi Evelio Marlen
    Jeovany Dayami DaQuan Tanisha Jamal Latrice Keandre Shaquille Ebony Marquise Tiana
    Rashad Kenyatta Antwan Lakeisha Demetrius Quanisha Tremaine Quang Phuong Tuan Ngoc
    Wei Jing Jiwoo Seoyeon Hyun Kao Xee Fue Pang Marivic Rodel Analyn Mylene Jericho Jhoanna
    Rizalino Arnel Simran Jaspreet Navdeep Amandeep Harpreet Kuldeep Rajveer Balwinder Aram
    Arsen Lusine Karine Ani Sevak Shant Gayane Levon Nairi
    """
)
HELDOUT4_LAST = _words(
    """
    Arriaga Becerra Cervantes Escobedo Fuentes Gallegos Ibarra Ledesma Meza Olvera Preciado
    Rangel Sandoval Tello Urbina Valencia Zuniga Alcala Barragan Covarrubias Boykin Dukes
    Fountain Goodwin Hairston Ivory Jeffries Lockett McNair Peoples Staten Winfield Pickens
    Phan Dinh Hoang Lam Kim Park Cho Lim Khang Cha Kue Manalo Aquino Dimaculangan Macaraeg
    Ocampo Tolentino Brar Randhawa Sekhon Johal Bhullar Cheema Toor Hovhannisyan Ghazaryan
    Martirosyan Zakaryan Simonyan Abrahamyan Mirzoyan
    """
)
HELDOUT4_LAST += ["De Leon", "St. Clair"]  # two words, so not in the string above
# Fifth held-out pool (written blind): modern US, Latino, Black American, Vietnamese,
# Hmong, Lao and Khmer, Samoan and Tongan, Ethiopian and Somali, Persian, Ukrainian and
# Russian, and Navajo and Lakota names, none in the pools above. Some are also ordinary
# words (Ivy, Wren, Juniper, Atlas, Outlaw, Corona, Hang, Lo, Mata).
HELDOUT5_FIRST = _words(
    """
    Bodhi Atlas Knox Jett Zane Sterling Hollis Marlowe Blakely Wren Juniper Stevie Raegan
    Emerson Lennon Nash Brecken Kolton Tinsley Oaklee Aurelia Ivy Jatziri Yuridia Lizbeth
    Yuliana Marbella Getsemani Azucena Belén Zoraida Nahomi Osiel Eliud Abdiel Tadeo Leobardo
    Wilfredo Maximino Fidel Jaleel DeAndre Tavion Ja'Marcus Shamika Kierra Nakia LaTrell
    Kendrick Jarvis Rasheeda Tyesha Javon Montrell Ayanna Zaria Treyvon Keontae Lashonda Khoa
    Duc Hieu Nhung Thuy Vinh Loan Neng Mee Kou Houa Yia Sokha Vanna Sophal Chanthy Sione Losa
    Mele Tevita Malia Meron Dawit Selam Hodan Abdirahman Dariush Shirin Parisa Kourosh Dmitri
    Anastasia Bogdan Yulia Mykola
    """
)
HELDOUT5_LAST = _words(
    """
    Alcantar Ambriz Bermudez Cazares Duarte Enriquez Gamboa Hinojosa Jaramillo Lara Mata Nuñez
    Ornelas Palomino Quezada Razo Salcedo Soto Tamayo Urias Verduzco Yañez Zarate Arellano
    Corona Esparza Gaytan Batiste Crumpton Fairley Gadson Jernigan Kimbrough Lofton McGhee
    Nesbitt Outlaw Pugh Rountree Toliver Whitlock Yarbrough Beasley Duong Ngo Quach Trieu Luu
    Hang Lo Thor Kong Phommachanh Keo Sok Chhim Faleolo Fifita Tupou Salave'a Tesfaye Bekele
    Haile Abdi Warsame Rahimi Tehrani Moradi Petrenko Volkov Bondarenko Shevchenko Begay Yazzie
    Tsosie
    """
)
HELDOUT5_LAST += ["De la Torre", "Two Bulls"]  # two words, so not in the string above
# Sixth held-out pool (written blind): Filipino, Vietnamese, Armenian, Punjabi, Ethiopian
# and Eritrean, Samoan, Hmong (two clan names in RPA spelling, Thoj and Fang), Oaxacan,
# Salvadoran and Guatemalan, Irish, and modern US and Black American names, none in the pools
# above. Some are also ordinary words or places (Manu, Liya, Toledo, Keane, Funes, Chicas).
HELDOUT6_FIRST = _words(
    """
    Maricel Jennylyn Rhodora Danilo Efren Rommel Marites Jolina Bienvenido Ligaya Hanh Trang
    Quynh Phuc Khanh Nhi Thuan Diep Garegin Siranush Ashot Knarik Sarkis Hovik Anahit Vartan
    Gurjit Sukhwinder Paramjit Jasleen Inderjit Rupinder Navjot Hardeep Tsion Yonas Hiwot
    Mekdes Kidus Liya Tewodros Eyob Senait Iosefa Lagi Fetu Sina Tavita Manu Choua Blia Nhia
    Shoua Cheng Eufemia Crisanto Hermelinda Zenaida Aniceto Rufina Juvencio Macrina Filemón
    Elmer Dilcia Yeni Kenia Marvin Oneyda Wilber Glenda Siobhan Niamh Oisin Ciaran Aoife
    Padraig Kamari Saniyah Ja'Kobe Nyla Amiyah Dayvon Zyaire Kennedi Tahj Jaelynn
    """
)
HELDOUT6_LAST = _words(
    """
    Pangilinan Magbanua Dizon Lacson Evangelista Dumalagan Sison Capistrano Panganiban Doan
    Vu Cao Lai Kieu Vuong Chau Avagyan Poghosyan Vardanyan Hambardzumyan Melkonian Kazarian
    Dhaliwal Sangha Aulakh Virk Chahal Pannu Khaira Atwal Gebremedhin Woldemariam Alemu
    Tadesse Kebede Girma Abebe Mengistu Tuiasosopo Leiataua Fa'amausili Sapolu Afamasaga Mauga
    Aumua Fang Pha Kha Thoj Matías Jarquín Nolasco Canseco Toledo Altamirano Velasco Alfaro
    Portillo Argueta Menjívar Chicas Lemus Funes O'Callaghan Mulcahy Donnelly Keane O'Sullivan
    Gaither Pettus Swinton Mabry Cheatham Spearman Der-Garabedian Menjívar-Lemus
    """
)
HELDOUT6_LAST += ["San Buenaventura", "Mac Lochlainn"]  # two words, so not in the string above
# Seventh held-out pool (written blind): Punjabi, Vietnamese, Filipino, Armenian, Hmong (clan
# names in RPA spelling: Vaj, Xyooj, Yaj, Muas), Samoan, Chicano (Los Angeles), Honduran,
# Venezuelan, rural Central Valley and oil-patch, Black American and modern US names, none in
# the pools above. Some are also ordinary words (Dale, Colt, Hank, Tam, Ever, Paj, Pheng).
HELDOUT7_FIRST = _words(
    """
    Baljit Kulwinder Jagdeep Mandeep Sarabjit Gurleen Prabhjot Ravneet Hoa Nga Xuan Phong Hung
    Tien Uyen Tam Marilou Maricar Analiza Teodoro Dindo Lorna Ferdinand Girlie Hasmik Armine
    Mher Garik Tatev Gohar Astghik Hrach Yeng Pheng Zoua Chia Paj Ioane Sefa Alofa Lupe Filipo
    Tasi Ramiro Gilberto Yvette Priscilla Rocio Anabel Noemi Lalo Chuy Wilmer Dunia Josué Keyla
    Elvin Yolani Lesbia Ever Yorbelis Yusmary Deivis Maikel Oriana Yulimar Luisana Yeferson
    Travis Clint Brandi Shelby Dale Tammy Rhonda Colt Hank Cody Tyrell Kiana Deion Marquita
    Shanelle Reggie Tamara Shawnte Arlo Ezra Milo Aspen Everleigh Kaison Jaxon Lyla
    """
)
HELDOUT7_LAST = _words(
    """
    Dhindsa Sahota Benipal Khosa Mangat Dhami Nijjar Kang Luong Trinh Quan Tang Ton Gatchalian
    Soriano Dalisay Bacani Tuazon Ilagan Salonga Khachatryan Arakelyan Ohanian Minasyan Davtyan
    Ter-Petrosyan Vaj Xyooj Yaj Muas Tuilagi Soliai Leavasa Fonoti Seumalo Toleafoa Villaseñor
    Quintero Arambula Lomelí Vizcarra Padilla Beltrán Cuevas-Ledezma Maradiaga Zelaya Banegas
    Cálix Sabillón Euceda Briceño Rondón Chirinos Colmenares Marcano Yépez Pruitt Dobbs Hensley
    Crabtree Tackett Sizemore Wofford Puckett Boatwright Gatewood Spivey Oglesby Peebles
    Witherspoon
    """
)
HELDOUT7_LAST += ["De los Santos", "Del Real"]  # two words, so not in the string above
STAFF_FIRST = _words(
    """
    Maria Linda Patricia Denise Carmen Rosa Teresa Gloria Sandra Yolanda
    """
)
OFFICIALS = ["Maria Delgado", "Gavin Newsom", "Vickie Contreras", "Robert Hayes"]
OFFICIAL_TITLES = [
    ("Director", "Delgado"),
    ("Governor", "Newsom"),
    ("Deputy Director", "Contreras"),
    ("Supervisor", "Hayes"),
    ("Judge", "Alvarado"),
    ("Commissioner", "Whitaker"),
    ("Directora", "Delgado"),
    ("Gobernador", "Newsom"),
    ("Juez", "Ochoa"),
]

# --- places ---------------------------------------------------------------------------------

DEV_STREETS = [
    "Shaw:Ave",
    "Blackstone:Ave",
    "Elm:St",
    "Main:St",
    "Olive:Ave",
    "Cedar:St",
    "Maple:Dr",
    "Oak:St",
    "Washington:Blvd",
    "Kings Canyon:Rd",
    "Ventura:Ave",
    "Tulare:St",
    "Clinton:Ave",
    "Palm:Ave",
    "Herndon:Ave",
    "First:St",
    "Fifth:St",
    "Willow:Ln",
    "Sunset:Blvd",
    "Chestnut:Ave",
    "Walnut:St",
    "Hillcrest:Dr",
    "Orchard:Ln",
    "Magnolia:Ave",
    "Birch:Ct",
    "Florin:Rd",
    "Stockton:Blvd",
    "Broadway:St",
    "Mission:St",
    "Alvarado:St",
    "Figueroa:St",
    "Lincoln:Way",
]
HELDOUT_STREETS = [
    "Pleasant Valley:Rd",
    "Bonita Vista:Ct",
    "Rancho Verde:Pkwy",
    "Foothill:Blvd",
    "Jacaranda:Ter",
    "Sequoia Grove:Ln",
    "Canal:St",
    "Laurel Canyon:Blvd",
    "Meadowlark:Cir",
    "Sierra Madre:Way",
    "Del Paso:Blvd",
    "Marconi:Ave",
    "Arden:Way",
    "Fruitridge:Rd",
    "Cesar Chavez:Ave",
    "Whittier:Blvd",
    "Atlantic:Ave",
    "Valley:Pkwy",
]
DEV_CITIES = _words(
    """
    Fresno Clovis Sacramento Bakersfield Stockton Modesto Visalia Merced Oakland Salinas
    """
)
HELDOUT_CITIES = [
    "Elk Grove",
    "Citrus Heights",
    "Lodi",
    "Turlock",
    "Hanford",
    "Madera",
    "Delano",
    "Porterville",
]
HELDOUT3_STREETS = [
    "Ashlan:Ave",
    "Belmont:Ave",
    "Cherry:Ln",
    "Dakota:Ave",
    "Folsom:Blvd",
    "Greenback:Ln",
    "Howe:Ave",
    "Mack:Rd",
    "Northgate:Blvd",
    "Rosemead:Blvd",
    "San Pablo:Ave",
    "Telegraph:Ave",
    "Van Ness:Ave",
    "Watt:Ave",
    "Crenshaw:Blvd",
    "Slauson:Ave",
    "Vermont:Ave",
    "Pico:Blvd",
    "Bellflower:Blvd",
    "Golden State:Blvd",
    "Peach:Ave",
    "Zinfandel:Dr",
    "Imperial:Hwy",
    "Arroyo Seco:Ct",
]
HELDOUT3_CITIES = [
    "Hemet",
    "Victorville",
    "Palmdale",
    "Pomona",
    "Santa Ana",
    "Compton",
    "Chula Vista",
    "Vallejo",
    "Antioch",
    "Yuba City",
    "Woodland",
    "Watsonville",
    "Oxnard",
    "Indio",
    "El Centro",
    "Tracy",
    "Manteca",
    "Selma",
    "Reedley",
    "Arvin",
]
HELDOUT4_STREETS = [
    "Cottonwood:Dr",
    "Manzanita:Ave",
    "Niles:St",
    "Chester:Ave",
    "Ming:Ave",
    "Panama:Ln",
    "Wible:Rd",
    "Brundage:Ln",
    "Mt Vernon:Ave",
    "Auburn:Blvd",
    "Sunrise:Blvd",
    "Fair Oaks:Blvd",
    "Hammer:Ln",
    "Pacific:Ave",
    "Yosemite:Blvd",
    "McHenry:Ave",
    "Coffee:Rd",
    "Tully:Rd",
    "Alum Rock:Ave",
    "Story:Rd",
    "Euclid:Ave",
    "Base Line:Rd",
    "Riverside:Dr",
    "Quail Hollow:Ct",
]
HELDOUT4_CITIES = [
    "Ceres",
    "Oakdale",
    "Patterson",
    "Livingston",
    "Atwater",
    "Los Banos",
    "Dinuba",
    "Kingsburg",
    "Lindsay",
    "Shafter",
    "Wasco",
    "McFarland",
    "Lamont",
    "Coachella",
    "Perris",
    "Moreno Valley",
    "Rialto",
    "Fontana",
    "Lancaster",
    "Santa Maria",
    "Gilroy",
    "Marysville",
    "Oroville",
    "Red Bluff",
]
HELDOUT5_STREETS = [
    "Shields:Ave",
    "McKinley:Ave",
    "Noble:Ave",
    "Mooney:Blvd",
    "Caldwell:Ave",
    "Lacey:Blvd",
    "Hatch:Rd",
    "Carpenter:Rd",
    "Pelandale:Ave",
    "Kiernan:Ave",
    "Airport:Way",
    "March:Ln",
    "Pershing:Ave",
    "El Camino:Ave",
    "Stockdale:Hwy",
    "Akers:Rd",
    "Union:Ave",
    "Sepulveda:Blvd",
    "Lankershim:Blvd",
    "Jurupa:Ave",
    "Highland:Ave",
    "Tamarack:Dr",
    "Kern:St",
    "Mulberry:Ct",
]
HELDOUT5_CITIES = [
    "Exeter",
    "Farmersville",
    "Woodlake",
    "Orange Cove",
    "Parlier",
    "Sanger",
    "Kerman",
    "Mendota",
    "Firebaugh",
    "Chowchilla",
    "Avenal",
    "Tehachapi",
    "Ridgecrest",
    "Barstow",
    "Hesperia",
    "Adelanto",
    "Blythe",
    "Brawley",
    "Calexico",
    "Eureka",
    "Ukiah",
    "Clearlake",
    "Susanville",
    "Crescent City",
]
HELDOUT6_STREETS = [
    "Kearney:Blvd",
    "Jensen:Ave",
    "Tollhouse:Rd",
    "Shepherd:Ave",
    "Demaree:St",
    "Stine:Rd",
    "Hosking:Ave",
    "El Cajon:Blvd",
    "Harbor:Blvd",
    "Brookhurst:St",
    "Garvey:Ave",
    "Azusa:Ave",
    "Hacienda:Blvd",
    "Normandie:Ave",
    "Rosecrans:Ave",
    "Artesia:Blvd",
    "Etiwanda:Ave",
    "Archibald:Ave",
    "Clairemont Mesa:Blvd",
    "Bradshaw:Rd",
    "Elverta:Rd",
    "Tuolumne:St",
    "Manning:Ave",
    "Santa Fe:Ave",
]
HELDOUT6_CITIES = [
    "Lemoore",
    "Huron",
    "Coalinga",
    "Taft",
    "Delhi",
    "Winton",
    "Galt",
    "Riverbank",
    "Newman",
    "Dos Palos",
    "Orland",
    "Corning",
    "Redding",
    "Chico",
    "Fairfield",
    "Vacaville",
    "Hayward",
    "Hollister",
    "Soledad",
    "Lompoc",
    "Escondido",
    "National City",
    "Baldwin Park",
    "San Jacinto",
]
HELDOUT7_STREETS = [
    "Whitesbridge:Ave",
    "Floral:Ave",
    "Academy:Ave",
    "Temperance:Ave",
    "Dinuba:Blvd",
    "Ben Maddox:Way",
    "Eastern:Ave",
    "Indiana:St",
    "Gage:Ave",
    "Florence:Ave",
    "Firestone:Blvd",
    "Long Beach:Blvd",
    "Charter:Way",
    "Wilson:Way",
    "El Dorado:St",
    "Panorama:Dr",
    "Edison:Hwy",
    "Weedpatch:Hwy",
    "Franklin:Blvd",
    "Childs:Ave",
    "Olivewood:Dr",
    "Cypress:Ct",
    "Lone Tree:Rd",
    "Sycamore Creek:Ln",
]
HELDOUT7_CITIES = [
    "Tulare",
    "Fowler",
    "Caruthers",
    "Kettleman City",
    "Buttonwillow",
    "Maricopa",
    "Earlimart",
    "Pixley",
    "Orosi",
    "Cutler",
    "Planada",
    "Le Grand",
    "Gustine",
    "Lathrop",
    "Escalon",
    "Waterford",
    "Hughson",
    "East Los Angeles",
    "Huntington Park",
    "South Gate",
    "Pico Rivera",
    "Bell Gardens",
    "Westminster",
    "Garden Grove",
]
MX_STREETS = [
    "Olivo",
    "Reforma",
    "Juárez",
    "Hidalgo",
    "Morelos",
    "Benito Juárez",
    "Insurgentes",
    "Zaragoza",
]
EMPLOYERS = """
Walmart|Amazon|Target|Costco|Home Depot|Lowe's|UPS|FedEx|Foster Farms|a construction company|
the Amazon warehouse|a dairy|the packing house|a tire shop|Taco Bell|In-N-Out|a body shop|Uber|
DoorDash|a roofing company|the school district|a trucking company|Kaiser|a restaurant downtown
""".replace("\n", "").split("|")
EMPLOYERS_ES = [
    "una construcción",
    "el campo",
    "un rancho",
    "una empacadora",
    "un restaurante",
    "una fábrica",
    "Amazon",
    "Walmart",
    "un taller",
    "una lechería",
    "las uvas",
    "la fresa",
]
PLACES_FAR = [
    "Texas",
    "Arizona",
    "Las Vegas",
    "Oregon",
    "Tijuana",
    "Mexicali",
    "Jalisco",
    "Michoacán",
    "Reno",
]

HELDOUT3_CALLES = [
    "Allende",
    "Guerrero",
    "Madero",
    "Independencia",
    "Obregón",
    "Constitución",
    "Niños Héroes",
    "Vicente Guerrero",
]
HELDOUT3_EMPLOYERS = """
Tesla|Starbucks|the Ross warehouse|Chipotle|Safeway|Raley's|a solar company|a landscaping crew|
the Sysco warehouse|Dollar General|a nail salon|his uncle's shop|an almond orchard|the casino|
Lyft|Instacart|Chevron|a car wash|PG&E|a security company|a moving company|Best Buy|a daycare|
the hospital|Grimmway Farms|Save Mart|a tattoo shop|Wingstop
""".replace("\n", "").split("|")
HELDOUT3_EMPLOYERS_ES = [
    "una carnicería",
    "la pizca",
    "un lavado de carros",
    "las yardas",
    "una marqueta",
    "la tomatera",
    "un vivero",
    "una panadería",
    "las almendras",
    "un invernadero",
    "una mueblería",
    "los techos",
    "una lonchera",
    "una bodega",
    "FedEx",
]
HELDOUT3_FAR = [
    "Houston",
    "Phoenix",
    "Boise",
    "Washington state",
    "Florida",
    "Guadalajara",
    "Oaxaca",
    "Sinaloa",
    "El Salvador",
    "Guatemala",
    "Manila",
    "Yerevan",
    "Salt Lake",
    "Colorado",
    "Ensenada",
    "Zacatecas",
    "Georgia",
    "Ohio",
]

HELDOUT4_CALLES = [
    "Emiliano Zapata",
    "Revolución",
    "Cuauhtémoc",
    "Lázaro Cárdenas",
    "5 de Mayo",
    "Francisco Villa",
    "Aldama",
    "Matamoros",
]
HELDOUT4_EMPLOYERS = """
Walgreens|AutoZone|O'Reilly|Jack in the Box|the Navy|the Army|a framing crew|Frito-Lay|
the Gallo winery|the Pepsi plant|Harris Ranch|the prison in Corcoran|Cintas|Albertsons|
a drywall company|the railroad|Panda Express|a towing company|the shipyard|a pistachio farm|
CVS|a hospice|a plumbing company|the Marines|a pool cleaning company|Food 4 Less
""".replace("\n", "").split("|")
HELDOUT4_EMPLOYERS_ES = [
    "una granja de pollos",
    "una yarda de fierro",
    "las nueces",
    "los pistaches",
    "una tortillería",
    "una llantera",
    "la cebolla",
    "el ajo",
    "un hotel",
    "una gasolinera",
    "las vacas",
    "Smart & Final",
    "una compañía de jardinería",
    "la pisca de cereza",
    "una carpintería",
]
HELDOUT4_FAR = [
    "Fort Bragg",
    "Germany",
    "Okinawa",
    "San Antonio",
    "Tennessee",
    "Chicago",
    "Nayarit",
    "Durango",
    "Chihuahua",
    "Honduras",
    "Nicaragua",
    "Cebu",
    "Punjab",
    "Hawaii",
    "Alaska",
    "Albuquerque",
    "Tacoma",
    "Oklahoma",
]

HELDOUT5_CALLES = [
    "Galeana",
    "Abasolo",
    "Nicolás Bravo",
    "Pino Suárez",
    "16 de Septiembre",
    "Venustiano Carranza",
    "Leona Vicario",
    "Xicoténcatl",
]
HELDOUT5_EMPLOYERS = """
Dollar Tree|Red Lobster|Kohl's|Ace Hardware|Big 5|the Sun-Maid plant|Del Monte|an orange grove|
Rite Aid|the rancheria gas station|Tractor Supply|Denny's|IHOP|a call center|a labor contractor|
Enterprise Rent-A-Car|Aramark|the pallet yard|Little Caesars|Carl's Jr.|the water district|
Sprouts|a staffing agency|Spectrum|a hardwood flooring company|the county fairgrounds
""".replace("\n", "").split("|")
HELDOUT5_EMPLOYERS_ES = [
    "una paletería",
    "una taquería",
    "el empaque de naranja",
    "una fábrica de tarimas",
    "una purificadora de agua",
    "los duraznos",
    "el betabel",
    "una recicladora",
    "un salón de belleza",
    "una imprenta",
    "la lechuga",
    "un yonke",
    "una compañía de limpieza",
    "las ciruelas",
    "Grocery Outlet",
]
HELDOUT5_FAR = [
    "Nevada",
    "Montana",
    "South Carolina",
    "Louisiana",
    "Kansas City",
    "Detroit",
    "Spokane",
    "Tucson",
    "Memphis",
    "the Navajo Nation",
    "Pine Ridge",
    "Puebla",
    "Sonora",
    "Veracruz",
    "Colima",
    "American Samoa",
    "Vietnam",
    "Iowa",
]

HELDOUT6_CALLES = [
    "Crespo",
    "Manuel Doblado",
    "Ignacio Comonfort",
    "Belisario Domínguez",
    "20 de Noviembre",
    "Tinoco y Palacios",
    "Libertad",
    "Pípila",
]
HELDOUT6_EMPLOYERS = """
WinCo|Stater Bros|Vallarta Supermarkets|the tomato cannery|a dialysis clinic|
the naval air station|Sutter Health|Home Instead|a charter bus company|the port|
Bimbo Bakeries|the raisin packer|Blue Diamond|Jiffy Lube|Five Guys|Popeyes|Burlington|
TJ Maxx|a vineyard management company|an HVAC company|a mortuary|a nursing home|Chick-fil-A|
a Filipino bakery|a cotton gin|the egg ranch
""".replace("\n", "").split("|")
HELDOUT6_EMPLOYERS_ES = [
    "una maquiladora",
    "el chile",
    "la uva pasa",
    "una cantera",
    "una tienda de abarrotes",
    "una pollería",
    "el espárrago",
    "los arándanos",
    "una lavandería",
    "una avícola",
    "el melón",
    "una ladrillera",
    "un asilo de ancianos",
    "una pupusería",
    "un molino de nixtamal",
]
HELDOUT6_FAR = [
    "Juchitán",
    "Quetzaltenango",
    "San Salvador",
    "Tegucigalpa",
    "Addis Ababa",
    "Davao",
    "Guam",
    "Kuwait",
    "South Korea",
    "Virginia Beach",
    "Camp Lejeune",
    "Dallas",
    "Atlanta",
    "Denver",
    "Portland",
    "Minnesota",
    "Idaho",
    "Wyoming",
]

HELDOUT7_CALLES = [
    "Francisco Morazán",
    "Simón Bolívar",
    "Josefa Ortiz de Domínguez",
    "Melchor Ocampo",
    "Ramón Corona",
    "Javier Mina",
    "Mariano Escobedo",
    "Miguel Alemán",
]
HELDOUT7_EMPLOYERS = """
Swift Transportation|Schneider|Werner|an oil field service company|Aera Energy|a frac crew|
Dignity Health|Adventist Health|Valley Children's|a travel nurse agency|the Wonderful Company|
Sun World|JBS|a calf ranch|a hay hauling outfit|a cherry packing shed|a smog check station|
a pho restaurant|an Armenian bakery|Love's truck stop|Pilot Flying J|a crop dusting company|
a cell tower crew|Bolthouse Farms|a school bus yard|a Hmong grocery
""".replace("\n", "").split("|")
HELDOUT7_EMPLOYERS_ES = [
    "la poda de uva",
    "el kiwi",
    "la mandarina",
    "los pozos de petróleo",
    "una compañía de tráilers",
    "una clínica",
    "una dulcería",
    "una pescadería",
    "el corte de brócoli",
    "la granada",
    "el pepino",
    "una quesería",
    "el swap meet",
    "una maderería",
    "una fumigadora",
]
HELDOUT7_FAR = [
    "Midland",
    "Odessa",
    "Williston",
    "North Dakota",
    "San Pedro Sula",
    "La Ceiba",
    "Maracaibo",
    "Barquisimeto",
    "Caracas",
    "Ludhiana",
    "Jalandhar",
    "Da Nang",
    "Gyumri",
    "Apia",
    "Pampanga",
    "Saint Paul",
    "Gillette",
    "Bogotá",
]

# --- agency (the bench agency.toml has the same values) -------------------------------------

AGENCY_PHONES = ["(866) 901-3212", "866-901-3212", "1-866-901-3212", "(530) 621-5800"]
AGENCY_ADDRESSES = ["2450 Meridian Ave", "2450 Meridian Ave, Suite 100", "P.O. Box 419064"]
AGENCY_EMAIL = "info@deloro-dcss.example.gov"

# --- medical ----------------------------------------------------------------------------------

CONDITIONS_EN = [
    "autism",
    "cancer",
    "leukemia",
    "diabetes",
    "asthma",
    "epilepsy",
    "seizures",
    "ADHD",
    "cerebral palsy",
    "bipolar",
    "depression",
    "sickle cell",
    "heart disease",
    "lupus",
]
CONDITIONS_ES = [
    "autismo",
    "cáncer",
    "leucemia",
    "diabetes",
    "asma",
    "epilepsia",
    "convulsiones",
    "depresión",
]

HELDOUT3_CONDITIONS_EN = [
    "schizophrenia",
    "multiple sclerosis",
    "kidney failure",
    "Down syndrome",
    "muscular dystrophy",
    "PTSD",
    "HIV",
    "COPD",
    "hepatitis C",
    "a brain tumor",
    "Crohn's disease",
    "spina bifida",
    "an eating disorder",
    "scoliosis",
    "cystic fibrosis",
    "Tourette's",
    "dyslexia",
    "OCD",
]
HELDOUT3_CONDITIONS_ES = [
    "esquizofrenia",
    "síndrome de Down",
    "insuficiencia renal",
    "VIH",
    "hepatitis",
    "un tumor",
    "parálisis cerebral",
    "ansiedad",
    "artritis",
    "anemia",
    "hidrocefalia",
    "distrofia muscular",
    "TDAH",
    "sordera",
]

HELDOUT4_CONDITIONS_EN = [
    "Parkinson's",
    "ALS",
    "fibromyalgia",
    "rheumatoid arthritis",
    "a traumatic brain injury",
    "Lyme disease",
    "congestive heart failure",
    "cirrhosis",
    "early onset Alzheimer's",
    "fetal alcohol syndrome",
    "celiac disease",
    "glaucoma",
    "hemophilia",
    "sensory processing disorder",
    "a congenital heart defect",
    "Guillain-Barré",
    "narcolepsy",
    "borderline personality disorder",
]
HELDOUT4_CONDITIONS_ES = [
    "cirrosis",
    "Parkinson",
    "fibromialgia",
    "problemas del corazón",
    "hemofilia",
    "un derrame cerebral",
    "retraso en el desarrollo",
    "tuberculosis",
    "microcefalia",
    "síndrome de Asperger",
    "labio leporino",
    "ceguera",
    "una hernia de disco",
    "la enfermedad de Lyme",
]

HELDOUT5_CONDITIONS_EN = [
    "Huntington's disease",
    "Marfan syndrome",
    "thalassemia",
    "lymphoma",
    "Tay-Sachs",
    "Prader-Willi syndrome",
    "Angelman syndrome",
    "Kawasaki disease",
    "pancreatitis",
    "sleep apnea",
    "Addison's disease",
    "myasthenia gravis",
    "Rett syndrome",
    "long COVID",
    "endometriosis",
    "schizoaffective disorder",
    "an opioid addiction",
    "macular degeneration",
]
HELDOUT5_CONDITIONS_ES = [
    "linfoma",
    "talasemia",
    "pancreatitis",
    "endometriosis",
    "apnea del sueño",
    "insuficiencia cardiaca",
    "síndrome de Rett",
    "una adicción a las pastillas",
    "covid largo",
    "enfermedad de Huntington",
    "osteoporosis",
    "una úlcera",
    "desprendimiento de retina",
    "trastorno esquizoafectivo",
]

HELDOUT6_CONDITIONS_EN = [
    "Ehlers-Danlos syndrome",
    "osteogenesis imperfecta",
    "fragile X syndrome",
    "Sturge-Weber syndrome",
    "Graves' disease",
    "Hashimoto's",
    "sarcoidosis",
    "paraplegia",
    "chronic migraines",
    "Ménière's disease",
    "trigeminal neuralgia",
    "a Chiari malformation",
    "Cushing's syndrome",
    "dementia",
    "agoraphobia",
    "a liver transplant",
    "Hirschsprung's disease",
    "a below-knee amputation",
]
HELDOUT6_CONDITIONS_ES = [
    "demencia",
    "una lesión en la columna",
    "migrañas crónicas",
    "osteogénesis imperfecta",
    "síndrome X frágil",
    "la enfermedad de Graves",
    "hipotiroidismo",
    "mal de Chagas",
    "cisticercosis",
    "vértigo crónico",
    "esclerodermia",
    "un trasplante de riñón",
    "bulimia",
    "psoriasis",
]

HELDOUT7_CONDITIONS_EN = [
    "valley fever",
    "pesticide poisoning",
    "silicosis",
    "Bell's palsy",
    "spinal muscular atrophy",
    "Turner syndrome",
    "Williams syndrome",
    "a cleft palate",
    "juvenile arthritis",
    "nephrotic syndrome",
    "ulcerative colitis",
    "gout",
    "a meth problem",
    "shingles",
    "hearing loss",
    "carpal tunnel",
    "lead poisoning",
    "a hole in the heart",
]
HELDOUT7_CONDITIONS_ES = [
    "fiebre del valle",
    "envenenamiento por pesticidas",
    "gota",
    "colitis ulcerosa",
    "artritis juvenil",
    "paladar hendido",
    "pérdida del oído",
    "el azúcar alta",
    "culebrilla",
    "parálisis facial",
    "atrofia muscular espinal",
    "intoxicación por plomo",
    "preeclampsia",
    "síndrome de Turner",
]

# --- offensive words (only in profanity / harassment templates) -----------------------------

CURSE_EN = [
    "bullshit",
    "fucking",
    "shit",
    "fuckin",
    "goddamn",
    "f*cking",
    "sh*t",
    "crap-ass bullshit",
]
CURSE_ES = ["pinche", "mierda", "chingada", "pendejadas", "culeros", "a la verga"]

EMOJI = ["😡", "🙏", "😭", "🤬", "😤", "🙄", "💔", "👎", "😩", "❤️", "🤦‍♀️", "😔"]


@dataclass
class Pools:
    """Which name, place, employer and condition pools a split draws from.

    The last six default to the lists the dev and first held-out splits have always used.
    """

    first: list[str]
    last: list[str]
    streets: list[str]
    cities: list[str]
    far: list[str] = field(default_factory=lambda: PLACES_FAR)
    calles: list[str] = field(default_factory=lambda: MX_STREETS)
    employers: list[str] = field(default_factory=lambda: EMPLOYERS)
    employers_es: list[str] = field(default_factory=lambda: EMPLOYERS_ES)
    conditions_en: list[str] = field(default_factory=lambda: CONDITIONS_EN)
    conditions_es: list[str] = field(default_factory=lambda: CONDITIONS_ES)


DEV = Pools(DEV_FIRST, DEV_LAST, DEV_STREETS, DEV_CITIES)
HELDOUT = Pools(HELDOUT_FIRST, HELDOUT_LAST, HELDOUT_STREETS, HELDOUT_CITIES)
HELDOUT3 = Pools(
    HELDOUT3_FIRST,
    HELDOUT3_LAST,
    HELDOUT3_STREETS,
    HELDOUT3_CITIES,
    far=HELDOUT3_FAR,
    calles=HELDOUT3_CALLES,
    employers=HELDOUT3_EMPLOYERS,
    employers_es=HELDOUT3_EMPLOYERS_ES,
    conditions_en=HELDOUT3_CONDITIONS_EN,
    conditions_es=HELDOUT3_CONDITIONS_ES,
)
HELDOUT4 = Pools(
    HELDOUT4_FIRST,
    HELDOUT4_LAST,
    HELDOUT4_STREETS,
    HELDOUT4_CITIES,
    far=HELDOUT4_FAR,
    calles=HELDOUT4_CALLES,
    employers=HELDOUT4_EMPLOYERS,
    employers_es=HELDOUT4_EMPLOYERS_ES,
    conditions_en=HELDOUT4_CONDITIONS_EN,
    conditions_es=HELDOUT4_CONDITIONS_ES,
)
HELDOUT5 = Pools(
    HELDOUT5_FIRST,
    HELDOUT5_LAST,
    HELDOUT5_STREETS,
    HELDOUT5_CITIES,
    far=HELDOUT5_FAR,
    calles=HELDOUT5_CALLES,
    employers=HELDOUT5_EMPLOYERS,
    employers_es=HELDOUT5_EMPLOYERS_ES,
    conditions_en=HELDOUT5_CONDITIONS_EN,
    conditions_es=HELDOUT5_CONDITIONS_ES,
)
HELDOUT6 = Pools(
    HELDOUT6_FIRST,
    HELDOUT6_LAST,
    HELDOUT6_STREETS,
    HELDOUT6_CITIES,
    far=HELDOUT6_FAR,
    calles=HELDOUT6_CALLES,
    employers=HELDOUT6_EMPLOYERS,
    employers_es=HELDOUT6_EMPLOYERS_ES,
    conditions_en=HELDOUT6_CONDITIONS_EN,
    conditions_es=HELDOUT6_CONDITIONS_ES,
)
HELDOUT7 = Pools(
    HELDOUT7_FIRST,
    HELDOUT7_LAST,
    HELDOUT7_STREETS,
    HELDOUT7_CITIES,
    far=HELDOUT7_FAR,
    calles=HELDOUT7_CALLES,
    employers=HELDOUT7_EMPLOYERS,
    employers_es=HELDOUT7_EMPLOYERS_ES,
    conditions_en=HELDOUT7_CONDITIONS_EN,
    conditions_es=HELDOUT7_CONDITIONS_ES,
)

_CA_AREA = [
    "209", "213", "279", "310", "323", "341", "408", "415", "424", "442", "510", "530", "559",
    "562", "619", "626", "628", "650", "657", "661", "669", "707", "714", "747", "760", "805",
    "818", "831", "858", "909", "916", "925", "949", "951",
]  # fmt: skip


def _local_part(name: str) -> str:
    """A name as it appears in an e-mail address: lower case, no accents, spaces or "'"."""
    plain = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return plain.lower().replace("'", "").replace(" ", "")


class Values:
    """Random slot values from one seeded generator and one pool."""

    def __init__(self, rng: random.Random, pools: Pools) -> None:
        self.rng = rng
        self.pools = pools

    def choice(self, items: list[str]) -> str:
        return self.rng.choice(items)

    # identifiers
    def ssn(self, style: str | None = None) -> str:
        r = self.rng
        while True:
            area = r.randint(1, 899)
            if area != 666:
                break
        group, serial = r.randint(1, 99), r.randint(1, 9999)
        style = style or r.choices(["dash", "space", "bare"], [6, 2, 2])[0]
        sep = {"dash": "-", "space": " ", "bare": ""}[style]
        return f"{area:03d}{sep}{group:02d}{sep}{serial:04d}"

    def itin(self) -> str:
        r = self.rng
        group = r.choice([*range(50, 66), *range(70, 89), *range(90, 93), *range(94, 100)])
        return f"9{r.randint(0, 99):02d}-{group:02d}-{r.randint(1, 9999):04d}"

    def phone(self, style: str | None = None) -> str:
        r = self.rng
        while True:
            area = r.choice(_CA_AREA)
            exchange = f"{r.randint(2, 9)}{r.randint(0, 9)}{r.randint(0, 9)}"
            line = f"{r.randint(0, 9999):04d}"
            if exchange[1:] == "11" or exchange == "555":
                continue
            number = phonenumbers.parse(f"{area}{exchange}{line}", "US")
            if phonenumbers.is_valid_number(number):
                break
        style = style or r.choices(["paren", "dash", "dot", "bare", "plus"], [4, 4, 1, 2, 1])[0]
        return {
            "paren": f"({area}) {exchange}-{line}",
            "dash": f"{area}-{exchange}-{line}",
            "dot": f"{area}.{exchange}.{line}",
            "bare": f"{area}{exchange}{line}",
            "plus": f"+1 {area} {exchange} {line}",
        }[style]

    def case_number(self) -> str:
        r = self.rng
        kind = r.choices(["cse", "participant", "court", "fam", "fl", "short"], [4, 2, 2, 1, 1, 1])[
            0
        ]
        if kind == "cse":
            return f"{r.choice(['1000', '2000', '3000'])}{r.randint(0, 99999999):08d}"
        if kind == "participant":
            return f"{r.randint(1000000000, 9999999999)}"
        if kind == "court":
            return f"{r.randint(15, 25)}FL{r.randint(0, 999999):06d}"
        if kind == "fam":
            return f"FAM-{r.randint(2012, 2025)}-{r.randint(0, 99999):05d}"
        if kind == "fl":
            return f"FL-{r.randint(15, 25)}-{r.randint(0, 999999):06d}"
        return f"{r.randint(100000, 99999999)}"

    def dob(self, spanish: bool = False) -> str:
        r = self.rng
        year = r.randint(2004, 2024) if r.random() < 0.8 else r.randint(1965, 2003)
        month, day = r.randint(1, 12), r.randint(1, 28)
        months_en = ["January", "February", "March", "April", "May", "June", "July", "August",
                     "September", "October", "November", "December"]  # fmt: skip
        months_es = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
                     "septiembre", "octubre", "noviembre", "diciembre"]  # fmt: skip
        if spanish:
            style = r.choice(["es_long", "numeric_dmy", "numeric"])
        else:
            style = r.choice(["numeric", "numeric", "numeric_short", "long", "short_month", "iso"])
        if style == "es_long":
            return f"{day} de {months_es[month - 1]} de{'l' if r.random() < 0.2 else ''} {year}"
        if style == "numeric_dmy":
            return f"{day:02d}/{month:02d}/{year}"
        if style == "numeric":
            return f"{month}/{day}/{year}" if r.random() < 0.5 else f"{month:02d}/{day:02d}/{year}"
        if style == "numeric_short":
            return f"{month}-{day}-{year % 100:02d}"
        if style == "long":
            return f"{months_en[month - 1]} {day}, {year}"
        if style == "short_month":
            return f"{months_en[month - 1][:3]} {day} {year}"
        return f"{year}-{month:02d}-{day:02d}"

    def address(self, full: bool | None = None) -> str:
        r = self.rng
        name, suffix = self.choice(self.pools.streets).split(":")
        number = r.randint(100, 19999)
        direction = r.choice(["", "", "", "N ", "S ", "E ", "W "])
        if r.random() < 0.15:
            suffix = {"Ave": "Avenue", "St": "Street", "Blvd": "Boulevard", "Rd": "Road",
                      "Dr": "Drive", "Ln": "Lane"}.get(suffix, suffix)  # fmt: skip
        street = f"{number} {direction}{name.replace('_', ' ')} {suffix}"
        unit = ""
        if r.random() < 0.35:
            unit = r.choice([f" Apt {r.randint(1, 40)}",
                             f" Apt {r.randint(1, 9)}{r.choice('ABCD')}",
                             f" #{r.randint(1, 200)}", f" Unit {r.randint(1, 30)}",
                             f" Spc {r.randint(1, 90)}"])  # fmt: skip
        full = r.random() < 0.4 if full is None else full
        if full:
            city = self.choice(self.pools.cities)
            zip_code = f"9{r.randint(3000, 6199):04d}"
            tail = r.choice([f", {city}, CA {zip_code}", f", {city} CA", f" {city} CA {zip_code}"])
            return street + unit + tail
        return street + unit

    def calle(self) -> str:
        r = self.rng
        kind = r.choice(["calle", "Calle", "Av.", "avenida"])
        return f"{kind} {r.choice(self.pools.calles)} {r.choice(['#', ''])}{r.randint(10, 2999)}"

    def email(self, first: str | None = None, last: str | None = None) -> str:
        r = self.rng
        first = _local_part(first or self.choice(self.pools.first))
        last = _local_part(last or self.choice(self.pools.last))
        local = r.choice(
            [f"{first}.{last}", f"{first}{last}{r.randint(1, 99)}", f"{first[0]}{last}",
             f"{first}_{r.randint(80, 2005)}", f"{last}{first[0]}{r.randint(1, 9)}"]
        )  # fmt: skip
        domain = r.choice(
            ["gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "icloud.com", "aol.com"]
        )
        return f"{local}@{domain}"

    def first(self) -> str:
        return self.choice(self.pools.first)

    def full_name(self) -> str:
        r = self.rng
        name = f"{self.first()} {self.choice(self.pools.last)}"
        if r.random() < 0.12:
            name += f" {self.choice(self.pools.last)}"
        return name

    def bank(self) -> str:
        return str(self.rng.randint(10**7, 10**12))

    def routing(self) -> str:
        r = self.rng
        while True:
            prefix = r.choice([*range(1, 13), *range(21, 33), *range(61, 73)])
            body = f"{prefix:02d}{r.randint(0, 999999):06d}"
            d = [int(c) for c in body]
            partial = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5])
            check = (10 - partial % 10) % 10
            value = body + str(check)
            if len(set(value)) > 1:
                return value

    def card(self) -> str:
        r = self.rng
        kind = r.choice(["visa", "mc", "amex"])
        prefix, length = {
            "visa": ("4", 16),
            "mc": (str(r.randint(51, 55)), 16),
            "amex": (r.choice(["34", "37"]), 15),
        }[kind]
        body = prefix + "".join(str(r.randint(0, 9)) for _ in range(length - len(prefix) - 1))
        total = 0
        for index, char in enumerate(reversed(body + "0")):
            digit = int(char)
            if index % 2 == 1:
                digit = digit * 2 - 9 if digit > 4 else digit * 2
            total += digit
        number = body + str((10 - total % 10) % 10)
        sep = r.choice([" ", "-", ""])
        if kind == "amex":
            return sep.join([number[:4], number[4:10], number[10:]])
        return sep.join(number[i : i + 4] for i in range(0, 16, 4))

    def dl(self) -> str:
        return f"{self.rng.choice('ABCDEFGHJKLMNPRSTVWYZ')}{self.rng.randint(0, 9999999):07d}"

    def ip(self) -> str:
        r = self.rng
        first = r.choice([24, 45, 67, 73, 76, 98, 104, 108, 172, 174])
        return f"{first}.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}"

    def condition(self, spanish: bool = False) -> str:
        return self.choice(self.pools.conditions_es if spanish else self.pools.conditions_en)

    # non-entity slots
    def money(self) -> str:
        r = self.rng
        amount = r.choice([r.randint(1, 60) * 500, r.randint(100, 1500), r.randint(2, 40) * 1000])
        return r.choice(
            [
                f"${amount:,}",
                f"${amount}",
                f"{amount} dollars",
                f"${amount // 1000}k" if amount >= 1000 else f"${amount}",
            ]
        )

    def small_money(self) -> str:
        return self.rng.choice(
            ["$25", "$35", "$50", "$100", "$200", "$300", "$400", "$450", "$600", "$800"]
        )

    def event_date(self) -> str:
        r = self.rng
        month = r.choice(
            ["Nov", "November", "Dec", "Jan", "Feb", "March", "May", "July", "Sept", "Oct"]
        )
        return r.choice(
            [
                f"{month} {r.randint(1, 28)}",
                f"{r.randint(1, 12)}/{r.randint(1, 28)}",
                f"{month} {r.randint(1, 28)}th",
            ]
        )

    def weekday(self) -> str:
        return self.rng.choice(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"])

    def years(self) -> str:
        return str(self.rng.randint(2, 15))

    def n(self) -> str:
        return str(self.rng.randint(2, 9))

    def employer(self, spanish: bool = False) -> str:
        return self.choice(self.pools.employers_es if spanish else self.pools.employers)

    def city(self) -> str:
        return self.choice(self.pools.cities)

    def far(self) -> str:
        return self.choice(self.pools.far)

    def curse(self, spanish: bool = False) -> str:
        return self.choice(CURSE_ES if spanish else CURSE_EN)

    def emoji(self) -> str:
        return self.choice(EMOJI)
